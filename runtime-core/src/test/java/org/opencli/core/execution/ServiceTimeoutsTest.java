package org.opencli.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.discovery.RawPublisher;
import org.opencli.core.error.OcliException;

/**
 * {@code services.<id>.timeouts}: the per-service connect and response timeouts replace the engine
 * defaults (10 s connect, 30 s response). Each call is bounded well below the defaults, so a
 * timeout that was not applied fails the test instead of passing slowly.
 */
class ServiceTimeoutsTest {
    @TempDir
    Path dir;
    ExecFixture f;
    final List<Socket> held = new ArrayList<>();

    @BeforeEach
    void setUp() {
        f = new ExecFixture(dir);
    }

    @AfterEach
    void tearDown() throws IOException {
        for (Socket s : held) s.close();
        f.close();
    }

    private void timeouts(String baseUrl, String timeoutsJson) throws IOException {
        Files.writeString(dir.resolve(".cli.json"), "{\"cli\": \"1.0.0\", \"mode\": {\"default\": \"discover\"},"
                + " \"sources\": {\"testApi\": {\"type\": \"openapi\", \"uri\": \"./exec.openapi.yaml\"}},"
                + " \"services\": {\"exec\": {\"source\": \"testApi\", \"baseURL\": \"" + baseUrl + "\","
                + " \"timeouts\": " + timeoutsJson + "}}}");
    }

    private OcliException failsWithin(int seconds, String toolId) {
        return f.failureWithin(seconds, f.call(toolId).body(org.opencli.core.json.Json.MAPPER.createObjectNode().put("name", "x")));
    }

    @Test
    void responseTimeoutFromTheServiceConfigEndsAStalledCall() throws Exception {
        try (ServerSocket stalled = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> { // accepts and never answers
                try {
                    while (true) held.add(stalled.accept());
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            timeouts("http://127.0.0.1:" + stalled.getLocalPort(), "{\"responseMs\": 300}");

            OcliException e = failsWithin(10, "exec:createItem");

            assertThat(e.code()).isEqualTo("upstream_timeout");
            assertThat(f.lastAudit().path("decision").asText()).isEqualTo("error");
        }
    }

    @Test
    void connectTimeoutFromTheServiceConfigEndsAHangingConnect() throws Exception {
        // A listener whose backlog is full: further SYNs are dropped, so connecting hangs.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 4; i++) {
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 200);
                } catch (IOException expectedOnceFull) {
                    // the backlog is full
                }
                held.add(s);
            }
            timeouts("http://127.0.0.1:" + full.getLocalPort(), "{\"connectMs\": 300, \"responseMs\": 60000}");

            OcliException e = failsWithin(6, "exec:createItem");

            assertThat(e.code()).isEqualTo("upstream_unreachable");
        }
    }

    @Test
    void totalTimeFromTheServiceConfigEndsATricklingBody() throws Exception {
        try (RawPublisher trickle = RawPublisher.trickling()) {
            timeouts(trickle.url(""), "{\"responseMs\": 60000, \"totalMs\": 700}");

            OcliException e = failsWithin(8, "exec:createItem"); // the 60 s response timeout never came into it

            assertThat(e.code()).isEqualTo("upstream_timeout");
            assertThat(e.detail()).contains("total deadline 700 ms");
            assertThat(trickle.requests.get()).isEqualTo(1); // a POST is not retried
        }
    }

    @Test
    void timeoutsOutsideTheirRangeAreConfigErrorsNamingThePath() throws Exception {
        timeouts("http://127.0.0.1:9", "{\"connectMs\": 0}");

        OcliException e = failsWithin(10, "exec:createItem");

        assertThat(e.code()).isEqualTo("invalid_config");
        assertThat(e.items().toString()).contains("timeouts").contains("connectMs");
    }
}
