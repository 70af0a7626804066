package org.opencli.core.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencli.core.mcp.McpStdioSourceTest.call;
import static org.opencli.core.mcp.McpStdioSourceTest.num;
import static org.opencli.core.mcp.McpStdioSourceTest.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.execution.ExecuteResult;
import org.opencli.core.json.Json;

/**
 * A call whose caller goes away (its answer cancelled, as the daemon does when the client disconnects)
 * is given up: the real server-everything is told with {@code notifications/cancelled}, the record
 * says {@code caller_cancelled}, and the source serves the next call. The server's standard input is
 * copied to a file on its way in ({@code tee}), so the test sees what the server received.
 */
class McpCancellationTest {
    @TempDir
    Path dir;

    private String teeConfig(Path received, String services) {
        return """
                {"cli": "1.0.0", "mode": {"default": "discover"}, %s
                 "mcpServers": {"everything": {"command": "sh",
                   "args": ["-c", "tee -a \\"$0\\" | exec \\"$1\\" stdio", "%s", "%s"]}}}
                """.formatted(services, received, McpServers.bin("mcp-server-everything"));
    }

    @Test
    void aCancelledCallIsCancelledAtTheServerAndRecordedAsCallerCancelled() throws Exception {
        Path received = dir.resolve("received.jsonl");
        try (McpEngineFixture f = new McpEngineFixture(dir, teeConfig(received, ""))) {
            CompletableFuture<ExecuteResult> answer = f.engine.execute(call("everything:trigger-long-running-operation",
                    Map.of("duration", num(60), "steps", num(60)))).toCompletableFuture();
            JsonNode sent = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> message(received, "tools/call"),
                    m -> m != null);
            assertThat(answer.cancel(true)).isTrue();

            JsonNode cancelled = Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> message(received, "notifications/cancelled"), m -> m != null);
            assertThat(cancelled.path("params").path("requestId")).isEqualTo(sent.path("id"));
            assertThat(cancelled.path("params").path("reason").asText()).isEqualTo(McpConnection.CALLER_GONE);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !f.audit.isEmpty());
            assertThat(f.audit).hasSize(1);
            assertThat(f.audit.get(0).reasonCode()).isEqualTo("caller_cancelled");
            assertThat(f.audit.get(0).decision()).isEqualTo("error");
            assertThat(f.audit.get(0).toolId()).isEqualTo("everything:trigger-long-running-operation");

            ExecuteResult next = f.engine.execute(call("everything:echo", Map.of("message", text("still here"))))
                    .toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(next.text()).isEqualTo("Echo: still here");
            assertThat(f.audit).hasSize(2);
            assertThat(f.audit.get(1).reasonCode()).isEqualTo("ok");
        }
    }

    @Test
    void aCallPastItsTimeIsCancelledAtTheServerToo() throws Exception {
        Path received = dir.resolve("received.jsonl");
        String services = "\"services\": {\"everything\": {\"source\": \"everything\", \"timeouts\": {\"totalMs\": 800}}},";
        try (McpEngineFixture f = new McpEngineFixture(dir, teeConfig(received, services))) {
            CompletableFuture<ExecuteResult> answer = f.engine.execute(call("everything:trigger-long-running-operation",
                    Map.of("duration", num(60), "steps", num(60)))).toCompletableFuture();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(answer::isDone);
            assertThat(answer).isCompletedExceptionally();
            JsonNode sent = message(received, "tools/call");
            JsonNode cancelled = Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> message(received, "notifications/cancelled"), m -> m != null);
            assertThat(cancelled.path("params").path("requestId")).isEqualTo(sent.path("id"));
            assertThat(cancelled.path("params").path("reason").asText()).contains("ran out");
            assertThat(f.audit).singleElement().satisfies(r -> assertThat(r.reasonCode()).isEqualTo("upstream_timeout"));
        }
    }

    @Test
    void overStreamableHttpTheCancellationIsPostedToTheServerToo() throws Exception {
        try (EverythingHttpServer server = new EverythingHttpServer("streamableHttp");
             HeaderRecordingProxy proxy = new HeaderRecordingProxy(server.url(""), "X-Unused");
             McpEngineFixture f = new McpEngineFixture(dir, """
                     {"cli": "1.0.0", "mode": {"default": "discover"},
                      "sources": {"everything": {"type": "mcp", "transport": {"type": "streamable-http", "url": "%s/mcp"}}}}
                     """.formatted(proxy.url()))) {
            CompletableFuture<ExecuteResult> answer = f.engine.execute(call("everything:trigger-long-running-operation",
                    Map.of("duration", num(60), "steps", num(60)))).toCompletableFuture();
            JsonNode sent = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> posted(proxy, "tools/call"), m -> m != null);
            assertThat(answer.cancel(true)).isTrue();
            JsonNode cancelled = Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> posted(proxy, "notifications/cancelled"), m -> m != null);
            assertThat(cancelled.path("params").path("requestId")).isEqualTo(sent.path("id"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !f.audit.isEmpty());
            assertThat(f.audit).singleElement().satisfies(r -> assertThat(r.reasonCode()).isEqualTo("caller_cancelled"));
            ExecuteResult next = f.engine.execute(call("everything:echo", Map.of("message", text("over http"))))
                    .toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(next.text()).isEqualTo("Echo: over http");
        }
    }

    private static JsonNode posted(HeaderRecordingProxy proxy, String method) throws Exception {
        JsonNode found = null;
        for (String body : proxy.bodies) {
            JsonNode m = Json.MAPPER.readTree(body);
            if (method.equals(m.path("method").asText())) found = m;
        }
        return found;
    }

    /** The last message with {@code method} the server received, or null. */
    private static JsonNode message(Path received, String method) throws Exception {
        if (!Files.exists(received)) return null;
        JsonNode found = null;
        List<String> lines = Files.readAllLines(received);
        for (String line : lines) {
            if (line.isBlank()) continue;
            try {
                JsonNode m = Json.MAPPER.readTree(line);
                if (method.equals(m.path("method").asText())) found = m;
            } catch (java.io.IOException partial) {
                // the last line may still be on its way
            }
        }
        return found;
    }
}
