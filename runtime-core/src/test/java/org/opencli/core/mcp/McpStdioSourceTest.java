package org.opencli.core.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.catalog.Tool;
import org.opencli.core.engine.CatalogQuery;
import org.opencli.core.error.OcliException;
import org.opencli.core.execution.ExecuteRequest;
import org.opencli.core.execution.ExecuteResult;
import org.opencli.core.json.Json;

/** server-everything over stdio as an mcp source: its tools in the catalog, and called through the engine. */
class McpStdioSourceTest {
    @TempDir
    Path dir;

    static String everythingConfig(String extra) {
        return """
                {"cli": "1.0.0", "mode": {"default": "discover"},
                 "mcpServers": {"everything": {"command": "%s", "args": ["stdio"]%s}}}
                """.formatted(McpServers.bin("mcp-server-everything"), extra);
    }

    @Test
    void listedToolsBecomeCatalogToolsWithAnMcpBackend() throws Exception {
        try (McpEngineFixture f = new McpEngineFixture(dir, everythingConfig(""))) {
            List<Tool> tools = f.engine.effectiveCatalog(new CatalogQuery(null, null, null)).catalog().tools();
            Tool echo = tools.stream().filter(t -> t.id().equals("everything:echo")).findFirst().orElseThrow();
            assertThat(echo.backend().type()).isEqualTo("mcp");
            assertThat(echo.backend().sourceId()).isEqualTo("everything");
            assertThat(echo.backend().toolName()).isEqualTo("echo");
            assertThat(echo.backend().transport()).isEqualTo("stdio");
            assertThat(echo.group()).isEqualTo("tools");
            assertThat(echo.command()).isEqualTo("echo");
            assertThat(echo.safety().readOnly()).isTrue();
            assertThat(echo.safety().destructive()).isFalse();
            assertThat(echo.flags()).extracting(p -> p.name() + ":" + p.required() + ":" + p.schema().path("type").asText())
                    .containsExactly("message:true:string");
            Tool sum = tools.stream().filter(t -> t.id().equals("everything:get-sum")).findFirst().orElseThrow();
            assertThat(sum.flags()).extracting(p -> p.originalName() + ":" + p.schema().path("type").asText())
                    .containsExactly("a:number", "b:number");
        }
    }

    @Test
    void aToolCallAnswersWithTheServersContentAndLeavesOneAuditRecord() throws Exception {
        try (McpEngineFixture f = new McpEngineFixture(dir, everythingConfig(""))) {
            ExecuteResult echo = f.engine.execute(call("everything:echo", Map.of("message", Json.MAPPER.valueToTree("hi there"))))
                    .toCompletableFuture().join();
            assertThat(echo.statusCode()).isEqualTo(200);
            assertThat(echo.text()).isEqualTo("Echo: hi there");
            ExecuteResult sum = f.engine.execute(call("everything:get-sum", Map.of("a", num(2), "b", num(40))))
                    .toCompletableFuture().join();
            assertThat(sum.text()).contains("42");
            ExecuteResult structured = f.engine.execute(call("everything:get-structured-content",
                    Map.of("location", Json.MAPPER.valueToTree("New York")))).toCompletableFuture().join();
            assertThat(structured.body()).isNotNull();
            assertThat(structured.body().has("temperature")).isTrue();
            assertThat(f.audit).hasSize(3);
            assertThat(f.audit.get(0).toolId()).isEqualTo("everything:echo");
            assertThat(f.audit.get(0).decision()).isEqualTo("allow");
            assertThat(f.audit.get(0).statusCode()).isEqualTo(200);
            assertThat(f.audit.get(0).targetBaseUrl()).isEqualTo("mcp:everything");
        }
    }

    /** The synthetic document goes through the same overlays, policy and curated views as an OpenAPI one. */
    @Test
    void overlaysPolicyAndViewsGovernMcpToolsAsAnyOther() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("overlay.json"), """
                {"overlay": "1.0.0", "info": {"title": "t", "version": "1"},
                 "actions": [{"target": "$.paths['/tools/echo'].post", "update": {"x-cli-name": "say"}}]}
                """);
        String config = """
                {"cli": "1.0.0", "mode": {"default": "discover"},
                 "sources": {"everything": {"type": "mcp", "transport": {"type": "stdio", "command": "%s", "args": ["stdio"]}}},
                 "services": {"everything": {"source": "everything", "overlays": ["overlay.json"]}},
                 "policy": {"deny": ["everything:get-env"], "approvalRequired": ["everything:get-sum"]},
                 "curation": {"toolSets": {"small": {"allow": ["everything:echo", "everything:get-sum"]}}},
                 "agents": {"profiles": {"bot": {"mode": "curated", "toolSet": "small"}}}}
                """.formatted(McpServers.bin("mcp-server-everything"));
        try (McpEngineFixture f = new McpEngineFixture(dir, config)) {
            List<Tool> all = f.engine.effectiveCatalog(new CatalogQuery(null, null, null)).catalog().tools();
            assertThat(all).filteredOn(t -> t.id().equals("everything:echo")).extracting(Tool::command).containsExactly("say");
            assertThat(all).filteredOn(t -> t.id().equals("everything:get-sum"))
                    .allSatisfy(t -> assertThat(t.safety().requiresApproval()).isTrue());
            assertThat(f.engine.effectiveCatalog(new CatalogQuery(null, null, "bot")).view().tools()).extracting(Tool::id)
                    .containsExactlyInAnyOrder("everything:echo", "everything:get-sum");

            assertThat(code(f, call("everything:get-env", Map.of()))).isEqualTo("policy_deny");
            assertThat(code(f, call("everything:get-sum", Map.of("a", num(2), "b", num(3))))).isEqualTo("approval_required");
            ExecuteRequest approved = new ExecuteRequest(null, null, null, "everything:get-sum", List.of(),
                    Map.of("a", num(2), "b", num(3)), null, null, true, false);
            assertThat(f.engine.execute(approved).toCompletableFuture().join().text()).isEqualTo("The sum of 2 and 3 is 5.");
            ExecuteRequest outsideTheView = new ExecuteRequest(null, null, "bot", "everything:get-tiny-image", List.of(), Map.of(),
                    null, null, false, false);
            assertThat(code(f, outsideTheView)).isEqualTo("curated_deny");
            assertThat(f.audit).extracting(r -> r.toolId() + " " + r.decision() + " " + r.reasonCode()).containsExactly(
                    "everything:get-env deny policy_deny", "everything:get-sum deny approval_required", "everything:get-sum allow ok",
                    "everything:get-tiny-image deny curated_deny");
        }
    }

    private static String code(McpEngineFixture f, ExecuteRequest request) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> f.engine.execute(request).toCompletableFuture().join());
        assertThat(thrown).isInstanceOf(CompletionException.class).cause().isInstanceOf(OcliException.class);
        return ((OcliException) thrown.getCause()).code();
    }

    @Test
    void argumentsAreCheckedAgainstTheInputSchemaBeforeAnythingIsSent() throws Exception {
        try (McpEngineFixture f = new McpEngineFixture(dir, everythingConfig(""))) {
            assertThatThrownBy(() -> f.engine.execute(call("everything:echo", Map.of())).toCompletableFuture().join())
                    .isInstanceOf(CompletionException.class).cause().isInstanceOf(OcliException.class)
                    .hasMessageContaining("missing required flag '--message'");
            assertThatThrownBy(() -> f.engine.execute(call("everything:get-sum", Map.of("a", text("two"), "b", num(1))))
                    .toCompletableFuture().join()).cause().isInstanceOf(OcliException.class)
                    .satisfies(e -> assertThat(((OcliException) e).code()).isEqualTo("invalid_parameter"));
            assertThat(f.audit).hasSize(2).allSatisfy(r -> assertThat(r.decision()).isEqualTo("error"));
        }
    }

    @Test
    void aKilledServerIsStartedAgainOnTheNextCall() throws Exception {
        try (McpEngineFixture f = new McpEngineFixture(dir, everythingConfig(""))) {
            f.engine.execute(call("everything:echo", Map.of("message", text("one")))).toCompletableFuture().join();
            List<Long> pids = f.engine.mcpServerPids();
            assertThat(pids).hasSize(1);
            assertThat(f.engine.mcpSourceHealth()).containsExactly(new McpSourceHealth("everything", true, 0));
            ProcessHandle server = ProcessHandle.of(pids.get(0)).orElseThrow();
            server.destroyForcibly();
            server.onExit().join();
            org.awaitility.Awaitility.await().until(() -> f.engine.mcpServerPids().isEmpty());
            // what the daemon's metrics read: down until the next call starts it again, which counts as a restart
            assertThat(f.engine.mcpSourceHealth()).containsExactly(new McpSourceHealth("everything", false, 0));
            ExecuteResult again = f.engine.execute(call("everything:echo", Map.of("message", text("two"))))
                    .toCompletableFuture().join();
            assertThat(again.text()).isEqualTo("Echo: two");
            assertThat(f.engine.mcpServerPids()).hasSize(1).doesNotContain(pids.get(0));
            assertThat(f.engine.mcpSourceHealth()).containsExactly(new McpSourceHealth("everything", true, 1));
        }
    }

    @Test
    void aCallPastTheServicesTotalTimeIsAnUpstreamTimeout() throws Exception {
        String config = everythingConfig("").replace("\"mcpServers\"",
                "\"services\": {\"everything\": {\"source\": \"everything\", \"timeouts\": {\"totalMs\": 500}}}, \"mcpServers\"");
        try (McpEngineFixture f = new McpEngineFixture(dir, config)) {
            assertThatThrownBy(() -> f.engine.execute(call("everything:trigger-long-running-operation",
                    Map.of("duration", num(5), "steps", num(5)))).toCompletableFuture().join())
                    .cause().isInstanceOf(OcliException.class)
                    .satisfies(e -> assertThat(((OcliException) e).code()).isEqualTo("upstream_timeout"));
            assertThat(f.audit).hasSize(1);
            assertThat(f.audit.get(0).reasonCode()).isEqualTo("upstream_timeout");
        }
    }

    /** server-everything registers more tools once initialized and says so with notifications/tools/list_changed. */
    @Test
    void aToolListChangeBuildsTheCatalogAgain() throws Exception {
        try (McpEngineFixture f = new McpEngineFixture(dir, everythingConfig(""))) {
            CatalogQuery query = new CatalogQuery(null, null, null);
            org.opencli.core.catalog.Catalog first = f.engine.effectiveCatalog(query).catalog();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> f.engine.effectiveCatalog(query).catalog() != first);
            assertThat(f.engine.effectiveCatalog(query).catalog().tools()).extracting(Tool::id).contains("everything:echo");
        }
    }

    /** What the daemon records as its children in runtime.json: told on each start and end, with the pids running then. */
    @Test
    void theServersChangedListenerSeesEachStartAndEndWithThePidsRunning() throws Exception {
        try (McpEngineFixture f = new McpEngineFixture(dir, everythingConfig(""))) {
            List<List<Long>> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            f.engine.onMcpServersChanged(() -> seen.add(f.engine.mcpServerPids()));
            f.engine.effectiveCatalog(new CatalogQuery(null, null, null));
            long first = f.engine.mcpServerPids().get(0);
            assertThat(seen).contains(List.of(first));
            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> !seen.isEmpty() && seen.get(seen.size() - 1).isEmpty());
            f.engine.execute(call("everything:echo", Map.of("message", text("again")))).toCompletableFuture().join();
            long second = f.engine.mcpServerPids().get(0);
            assertThat(second).isNotEqualTo(first);
            assertThat(seen.get(seen.size() - 1)).containsExactly(second);
        }
    }

    @Test
    void theServerStartsOnFirstNeedAndConcurrentFirstCallsShareOneProcess() throws Exception {
        try (McpEngineFixture f = new McpEngineFixture(dir, everythingConfig(""))) {
            assertThat(f.engine.mcpServerPids()).as("nothing started before a catalog or call needs it").isEmpty();
            List<java.util.concurrent.CompletableFuture<ExecuteResult>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(f.engine.execute(call("everything:echo", Map.of("message", text("call " + i)))).toCompletableFuture());
            }
            for (int i = 0; i < 6; i++) assertThat(calls.get(i).join().text()).isEqualTo("Echo: call " + i);
            assertThat(f.engine.mcpServerPids()).hasSize(1);
            assertThat(f.engine.mcpSourceHealth()).containsExactly(new McpSourceHealth("everything", true, 0));
        }
    }

    @Test
    void theServersStderrGoesToTheRuntimeLogNamedByItsSource() throws Exception {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("org.opencli.core.mcp");
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try (McpEngineFixture f = new McpEngineFixture(dir, everythingConfig(""))) {
            f.engine.effectiveCatalog(new CatalogQuery(null, null, null));
            // server-everything's stdio transport says this on stderr as it starts
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> lines.contains("mcp source everything: Starting default (STDIO) server..."));
        } finally {
            log.removeHandler(handler);
        }
    }

    @Test
    void closingTheEngineEndsTheServerProcess() throws Exception {
        ProcessHandle server;
        try (McpEngineFixture f = new McpEngineFixture(dir, everythingConfig(""))) {
            f.engine.effectiveCatalog(new CatalogQuery(null, null, null));
            server = ProcessHandle.of(f.engine.mcpServerPids().get(0)).orElseThrow();
            assertThat(server.isAlive()).isTrue();
        }
        assertThat(server.isAlive()).isFalse();
    }

    static ExecuteRequest call(String toolId, Map<String, JsonNode> flags) {
        return new ExecuteRequest(null, null, null, toolId, List.of(), flags, null, null, false, false);
    }

    static JsonNode text(String s) {
        return Json.MAPPER.valueToTree(s);
    }

    static JsonNode num(int n) {
        return Json.MAPPER.valueToTree(n);
    }
}
