package org.opencli.cli.runtime;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A runtime (or something posing as one) that answers a byte at a time, each well within the read
 * timeout, must not hold ocli past the request's timeout; an answer that says it is too large is
 * refused before its body is read.
 */
class RuntimeHttpDeadlineTest {
    private final ScheduledExecutorService server = Executors.newScheduledThreadPool(2);
    private ServerSocket socket;

    @AfterEach
    void stop() throws IOException {
        server.shutdownNow();
        if (socket != null) socket.close();
    }

    /** Accepts one connection, sends {@code head}, then a space every 50 ms for as long as the client reads. */
    private URI trickling(String head) throws IOException {
        socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.submit(() -> {
            Socket client = socket.accept();
            OutputStream out = client.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            server.scheduleAtFixedRate(() -> {
                try {
                    out.write("1\r\n \r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException closed) {
                    throw new IllegalStateException(closed); // ends the repetition
                }
            }, 0, 50, TimeUnit.MILLISECONDS);
            return null;
        });
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1/catalog/effective");
    }

    @Test
    void anAnswerThatNeverEndsStopsAtTheRequestTimeout() throws IOException {
        URI uri = trickling("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        RuntimeHttp.Request request = RuntimeHttp.Request.get(uri).timeout(Duration.ofSeconds(2));
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() -> RuntimeHttp.send(request, Duration.ofSeconds(5)))
                .isInstanceOf(RuntimeHttp.AnswerFailed.class)
                .hasMessage("no complete answer within 2 s"));
    }

    @Test
    void aDeclaredLengthPastTheBoundIsRefusedUnread() throws IOException {
        URI uri = trickling("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + (RuntimeHttp.MAX_BODY + 1L) + "\r\n\r\n");
        RuntimeHttp.Request request = RuntimeHttp.Request.get(uri).timeout(Duration.ofSeconds(60));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> RuntimeHttp.send(request, Duration.ofSeconds(5)))
                .isInstanceOf(RuntimeHttp.AnswerFailed.class).hasMessageContaining("larger than 128 MiB"));
    }
}
