package org.opencli.core.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.engine.CatalogQuery;
import org.opencli.core.error.OcliException;
import org.opencli.core.execution.ExecuteResult;
import org.opencli.core.json.Json;

/**
 * MCP sources served by a hostile server (src/test/resources/mcp/hostile-server.js, a real process
 * over stdio): what it sends is bounded, and the runtime keeps no server it no longer needs.
 */
class McpHostileServerTest {
    @TempDir
    Path dir;

    @Test
    void aSourceWhoseTransportChangedEndsItsPreviousServer() throws Exception {
        try (McpEngineFixture f = new McpEngineFixture(dir, config("plain", "1"))) {
            f.engine.effectiveCatalog(new CatalogQuery(null, null, null));
            List<Long> first = f.engine.mcpServerPids();
            assertThat(first).hasSize(1);
            Files.writeString(f.config, config("plain", "2"));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                f.engine.effectiveCatalog(new CatalogQuery(null, null, null));
                List<Long> now = f.engine.mcpServerPids();
                return now.size() == 1 && !now.contains(first.get(0));
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(first.get(0)).map(p -> !p.isAlive()).orElse(true));
        }
    }

    @Test
    void aListingOfManyFatPagesIsRefusedNamingTheBound() throws Exception {
        try (McpEngineFixture f = new McpEngineFixture(dir, config("fat-pages", "1"))) {
            assertThatThrownBy(() -> f.engine.effectiveCatalog(new CatalogQuery(null, null, null)))
                    .isInstanceOf(OcliException.class)
                    .satisfies(e -> assertThat(((OcliException) e).code()).isEqualTo("invalid_mcp_tools"))
                    .hasMessageContaining("sources.hostile").hasMessageContaining("characters of tool definitions");
        }
    }

    @Test
    void aServerThatEndsAtOnceFailsItsStartWithoutWaitingForTheInitializeTimeout() throws Exception {
        try (McpEngineFixture f = new McpEngineFixture(dir, config("exit-now", "1"))) {
            // before: the start held the lock the exit notice needed, and failed "gave no answer in time" after 30 s
            assertThatThrownBy(() -> f.engine.effectiveCatalog(new CatalogQuery(null, null, null)))
                    .isInstanceOf(OcliException.class)
                    .satisfies(e -> assertThat(((OcliException) e).code()).isEqualTo("upstream_unreachable"))
                    .hasMessageContaining("sources.hostile").hasMessageContaining("ended before it answered initialize");
        }
    }

    @Test
    void aServerThatKeepsFailingIsStartedAgainOnlyAfterABackoffNeverInALoop() throws Exception {
        try (McpEngineFixture f = new McpEngineFixture(dir, config("exit-now", "1"))) {
            CatalogQuery all = new CatalogQuery(null, null, null);
            // the first failure restarts at once; a second within 30 s of its start waits FIRST_BACKOFF
            assertThat(failure(() -> f.engine.effectiveCatalog(all))).isEqualTo("upstream_unreachable");
            assertThat(failure(() -> f.engine.effectiveCatalog(all))).isEqualTo("upstream_unreachable");
            assertThat(failure(() -> f.engine.effectiveCatalog(all))).isEqualTo("mcp_server_restarting");
            assertThat(failure(() -> f.engine.execute(McpStdioSourceTest.call("hostile:echo", Map.of())).toCompletableFuture().join()))
                    .isIn("mcp_server_restarting", "unknown_tool");
            // two starts so far: a call within the backoff started nothing, and nothing starts on its own
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .until(() -> f.engine.mcpSourceHealth().equals(List.of(new McpSourceHealth("hostile", false, 1))));
            // once the backoff has passed, the next need starts the server again (and it fails again)
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> failure(() -> f.engine.effectiveCatalog(all)).equals("upstream_unreachable"));
            assertThat(f.engine.mcpSourceHealth()).containsExactly(new McpSourceHealth("hostile", false, 2));
        }
    }

    /** The code of the OcliException the action ends with (also under a CompletionException). */
    private static String failure(org.assertj.core.api.ThrowableAssert.ThrowingCallable action) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(action);
        Throwable t = thrown instanceof java.util.concurrent.CompletionException ? thrown.getCause() : thrown;
        assertThat(t).isInstanceOf(OcliException.class);
        return ((OcliException) t).code();
    }

    @Test
    void aServerFloodingStderrWithoutLineEndsStillAnswers() throws Exception {
        try (McpEngineFixture f = new McpEngineFixture(dir, config("stderr-flood", "1"))) {
            for (int i = 0; i < 20; i++) {
                ExecuteResult echo = f.engine.execute(McpStdioSourceTest.call("hostile:echo", Map.of("q", Json.MAPPER.valueToTree("hi"))))
                        .toCompletableFuture().join();
                assertThat(echo.text()).isEqualTo("echo {\"q\":\"hi\"}");
            }
        }
    }

    @Test
    void aStderrLineIsCutToItsBoundAndTheNextLineStillRead() throws Exception {
        Reader endless = new Reader() {
            long left = 256L * 1024 * 1024; // far more than a line may hold

            @Override
            public int read(char[] buf, int off, int len) {
                if (left <= 0) return -1;
                int n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) {
                    long at = --left; // the last three characters: "\nok"
                    buf[off + i] = at == 2 ? '\n' : at == 1 ? 'o' : at == 0 ? 'k' : 'x';
                }
                return n;
            }

            @Override
            public void close() {
            }
        };
        BufferedReader in = new BufferedReader(endless);
        assertThat(BoundedLines.readCut(in, StdioProcessTransport.MAX_STDERR_LINE)).hasSize(StdioProcessTransport.MAX_STDERR_LINE);
        assertThat(BoundedLines.readCut(in, StdioProcessTransport.MAX_STDERR_LINE)).isEqualTo("ok");
        assertThat(BoundedLines.readCut(in, StdioProcessTransport.MAX_STDERR_LINE)).isNull();
    }

    private static String config(String mode, String generation) throws URISyntaxException {
        String server = Path.of(McpHostileServerTest.class.getResource("/mcp/hostile-server.js").toURI()).toString();
        return "{\"cli\": \"1.0.0\", \"mode\": {\"default\": \"discover\"}, \"sources\": {\"hostile\": {\"type\": \"mcp\", \"transport\": {\"type\": \"stdio\", "
                + "\"command\": \"node\", \"args\": [" + Json.write(server) + "], \"env\": {\"HOSTILE_MODE\": \"" + mode
                + "\", \"GENERATION\": \"" + generation + "\"}}}}}";
    }
}
