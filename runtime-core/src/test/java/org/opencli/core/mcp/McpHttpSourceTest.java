package org.opencli.core.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencli.core.mcp.McpStdioSourceTest.call;
import static org.opencli.core.mcp.McpStdioSourceTest.text;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.catalog.Tool;
import org.opencli.core.engine.CatalogQuery;
import org.opencli.core.execution.ExecuteResult;
import org.opencli.core.observe.RecordingObserver;
import org.opencli.core.observe.StepKind;

/** server-everything over streamable HTTP and SSE, with a static header and a header secret on every request. */
class McpHttpSourceTest {
    @TempDir
    Path dir;

    private static String config(String type, String url) {
        return """
                {"cli": "1.0.0", "mode": {"default": "discover"},
                 "sources": {"remote": {"type": "mcp", "transport": {"type": "%s", "url": "%s",
                   "headers": {"X-Team": "blue"}, "headerSecrets": {"X-Api-Key": "mcpKey"}}}},
                 "secrets": {"mcpKey": {"type": "env", "value": "MCP_TEST_KEY"}}}
                """.formatted(type, url);
    }

    @Test
    void streamableHttpListsAndCallsWithTheHeaderSecretOnEveryRequest() throws Exception {
        try (EverythingHttpServer server = new EverythingHttpServer("streamableHttp");
             HeaderRecordingProxy proxy = new HeaderRecordingProxy(server.url(""), "X-Api-Key");
             McpEngineFixture f = new McpEngineFixture(dir, config("streamable-http", proxy.url() + "/mcp"),
                     Map.of("MCP_TEST_KEY", "k-123"))) {
            assertListsAndCalls(f, "streamable-http");
            assertThat(proxy.seen).isNotEmpty().containsOnly("k-123");
        }
    }

    @Test
    void sseListsAndCallsWithTheHeaderSecret() throws Exception {
        try (EverythingHttpServer server = new EverythingHttpServer("sse");
             HeaderRecordingProxy proxy = new HeaderRecordingProxy(server.url(""), "X-Api-Key");
             McpEngineFixture f = new McpEngineFixture(dir, config("sse", proxy.url() + "/sse"), Map.of("MCP_TEST_KEY", "k-456"))) {
            assertListsAndCalls(f, "sse");
            assertThat(proxy.seen).isNotEmpty().containsOnly("k-456");
        }
    }

    @Test
    void aToolsCallOverHttpCarriesTheCallStepsTraceparent() throws Exception {
        RecordingObserver observer = new RecordingObserver();
        try (EverythingHttpServer server = new EverythingHttpServer("streamableHttp");
             HeaderRecordingProxy proxy = new HeaderRecordingProxy(server.url(""), "traceparent");
             McpEngineFixture f = new McpEngineFixture(dir, config("streamable-http", proxy.url() + "/mcp"),
                     Map.of("MCP_TEST_KEY", "k-789"), observer)) {
            assertListsAndCalls(f, "streamable-http");
            RecordingObserver.Step call = observer.of(StepKind.MCP_CALL).get(0);
            // only the tools/call request is traced: listing and the session's own messages carry none
            assertThat(proxy.seen).containsExactly(call.traceparent());
        }
    }

    private static void assertListsAndCalls(McpEngineFixture f, String transport) {
        Tool echo = f.engine.effectiveCatalog(new CatalogQuery(null, null, null)).catalog().tools().stream()
                .filter(t -> t.id().equals("remote:echo")).findFirst().orElseThrow();
        assertThat(echo.backend().transport()).isEqualTo(transport);
        ExecuteResult result = f.engine.execute(call("remote:echo", Map.of("message", text("over " + transport))))
                .toCompletableFuture().join();
        assertThat(result.text()).isEqualTo("Echo: over " + transport);
        assertThat(f.audit).hasSize(1);
    }
}
