package org.opencli.service.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The image's health check against a real HTTP server on a free loopback port. */
class HealthProbeTest {
    private HttpServer server;
    private volatile int status = 200;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/q/health/ready", exchange -> {
            byte[] body = "{\"status\":\"x\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/q/health/ready";
    }

    private int probe(String url) {
        return HealthProbe.probe(url, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void readyIsExitZero() {
        assertThat(probe(url())).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void notReadyIsExitOneNamingTheStatus() {
        status = 503;
        assertThat(probe(url())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("answered 503").contains(url());
    }

    @Test
    void nothingListeningIsExitOne() {
        String url = url();
        server.stop(0);
        assertThat(probe(url)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not reachable");
    }

    @Test
    void aMalformedUrlIsExitOne() {
        assertThat(probe("not a url")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not reachable");
    }
}
