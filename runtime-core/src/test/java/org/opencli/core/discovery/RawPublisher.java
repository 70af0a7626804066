package org.opencli.core.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A publisher (or upstream) on a raw socket, for answers a well-behaved server cannot give:
 * {@link #trickling()} promises a large body and sends it 5 bytes every 100 ms (never idle long
 * enough for an idle timeout, far too slow to finish);
 * {@link #answering} writes exactly the bytes given (e.g. a malformed header) and hangs up. Every
 * request is counted. Closing it ends every connection at once.
 */
public final class RawPublisher implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile byte[] answer;
    public final AtomicInteger requests = new AtomicInteger();

    private RawPublisher(byte[] answer) throws IOException {
        this.answer = answer;
        Thread acceptor = new Thread(this::accept, "raw-publisher-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static RawPublisher trickling() throws IOException {
        return new RawPublisher(null);
    }

    /** Answers every request with {@code rawAnswer}, byte for byte (ISO-8859-1). */
    public static RawPublisher answering(String rawAnswer) throws IOException {
        return new RawPublisher(rawAnswer.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** From the next request on, answers {@code rawAnswer} instead. */
    public void answer(String rawAnswer) {
        answer = rawAnswer.getBytes(StandardCharsets.ISO_8859_1);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    private void accept() {
        try {
            while (true) {
                Socket s = socket.accept();
                Thread t = new Thread(() -> serve(s), "raw-publisher");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException closedSocket) {
            // the test is over
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            readHead(in);
            requests.incrementAndGet();
            byte[] fixed = answer;
            if (fixed != null) {
                out.write(fixed);
                out.flush();
                return;
            }
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/yaml\r\nContent-Length: 100000\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int sent = 0; sent < 100_000 && !closed.await(100, TimeUnit.MILLISECONDS); sent += 5) {
                out.write("     ".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException | InterruptedException gone) {
            // the client hung up (what a deadline does) or the test is over
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) throw new IOException("closed before the request head ended");
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        socket.close();
    }
}
