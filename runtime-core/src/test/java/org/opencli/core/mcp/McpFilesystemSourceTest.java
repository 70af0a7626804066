package org.opencli.core.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencli.core.mcp.McpStdioSourceTest.call;
import static org.opencli.core.mcp.McpStdioSourceTest.text;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.catalog.Safety;
import org.opencli.core.catalog.Tool;
import org.opencli.core.engine.CatalogQuery;
import org.opencli.core.error.OcliException;
import org.opencli.core.execution.ExecuteRequest;
import org.opencli.core.execution.ExecuteResult;
import org.opencli.core.json.Json;

/**
 * server-filesystem over stdio: reads, an {@code isError} result as an upstream 4xx carrying the
 * server's message, and {@code disabledTools} removed and failing closed.
 */
class McpFilesystemSourceTest {
    @TempDir
    Path dir;
    Path data;

    @BeforeEach
    void files() throws Exception {
        data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("hello.txt"), "hello from a file\n");
    }

    private String config(String sourceExtra, String topExtra) {
        return """
                {"cli": "1.0.0", "mode": {"default": "discover"},
                 "sources": {"fs": {"type": "mcp", "transport": {"type": "stdio", "command": "%s", "args": ["%s"]}%s}},
                 "services": {"files": {"source": "fs"}}%s}
                """.formatted(McpServers.bin("mcp-server-filesystem"), data, sourceExtra, topExtra);
    }

    @Test
    void readsAFileAndReportsAToolErrorAsAClientError() throws Exception {
        try (McpEngineFixture f = new McpEngineFixture(dir, config("", ""))) {
            ExecuteResult read = f.engine.execute(call("files:read_text_file", Map.of("path", text(data.resolve("hello.txt").toString()))))
                    .toCompletableFuture().join();
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.text()).contains("hello from a file");
            ExecuteResult denied = f.engine.execute(call("files:read_text_file", Map.of("path", text("/etc/hostname"))))
                    .toCompletableFuture().join();
            assertThat(denied.statusCode()).isEqualTo(McpResults.TOOL_ERROR_STATUS);
            assertThat(denied.text()).contains("Access denied");
            assertThat(f.audit).hasSize(2);
            assertThat(f.audit.get(1).statusCode()).isEqualTo(422);
        }
    }

    /** server-filesystem's annotations as it lists them; edit_file's {@code edits} (an array) is no flag but the JSON body. */
    @Test
    void annotationsBecomeSafetyAndNestedInputGoesInTheJsonBody() throws Exception {
        try (McpEngineFixture f = new McpEngineFixture(dir, config("", ""))) {
            Map<String, Tool> tools = new java.util.HashMap<>();
            f.engine.effectiveCatalog(new CatalogQuery(null, null, null)).catalog().tools().forEach(t -> tools.put(t.id(), t));
            // readOnlyHint: true → read-only and idempotent, not destructive
            assertThat(tools.get("files:read_text_file").safety()).isEqualTo(new Safety(false, true, false, true));
            // destructiveHint: false, idempotentHint: true
            assertThat(tools.get("files:create_directory").safety()).isEqualTo(new Safety(false, false, false, true));
            // destructiveHint: true, idempotentHint: true / false
            assertThat(tools.get("files:write_file").safety()).isEqualTo(new Safety(true, false, false, true));
            assertThat(tools.get("files:edit_file").safety()).isEqualTo(new Safety(true, false, false, false));

            Tool edit = tools.get("files:edit_file");
            assertThat(edit.flags()).extracting(p -> p.originalName() + ":" + p.schema().path("type").asText())
                    .containsExactlyInAnyOrder("path:string", "dryRun:boolean");
            assertThat(edit.requestBody()).isNotNull();
            ExecuteResult edited = f.engine.execute(new ExecuteRequest(null, null, null, "files:edit_file", List.of(),
                    Map.of("path", text(data.resolve("hello.txt").toString()), "dryRun", Json.MAPPER.valueToTree(false)),
                    Json.MAPPER.readTree("{\"edits\": [{\"oldText\": \"hello from\", \"newText\": \"edited in\"}]}"),
                    null, false, false)).toCompletableFuture().join();
            assertThat(edited.statusCode()).as(edited.text()).isEqualTo(200);
            assertThat(Files.readString(data.resolve("hello.txt"))).isEqualTo("edited in a file\n");
        }
    }

    @Test
    void disabledToolsAreNotInTheCatalogAndCannotBeCalled() throws Exception {
        try (McpEngineFixture f = new McpEngineFixture(dir, config(", \"disabledTools\": [\"write_file\", \"move_file\"]", ""))) {
            List<Tool> tools = f.engine.effectiveCatalog(new CatalogQuery(null, null, null)).catalog().tools();
            assertThat(tools).extracting(Tool::id).contains("files:read_text_file").doesNotContain("files:write_file", "files:move_file");
            assertThatThrownBy(() -> f.engine.execute(call("files:write_file", Map.of("path", text("x"), "content", text("y"))))
                    .toCompletableFuture().join()).cause().isInstanceOf(OcliException.class)
                    .satisfies(e -> assertThat(((OcliException) e).code()).isEqualTo("unknown_tool"));
            assertThat(data.resolve("x")).doesNotExist();
        }
    }

    @Test
    void aPolicyPatternMatchingOnlyDisabledToolsFailsTheBuild() throws Exception {
        try (McpEngineFixture f = new McpEngineFixture(dir, config(", \"disabledTools\": [\"write_file\"]",
                ", \"policy\": {\"approvalRequired\": [\"files:write_file\"]}"))) {
            assertThatThrownBy(() -> f.engine.effectiveCatalog(new CatalogQuery(null, null, null)))
                    .isInstanceOf(OcliException.class)
                    .hasMessageContaining("policy.approvalRequired 'files:write_file' matches only tools that sources.fs.disabledTools removes");
        }
    }

    @Test
    void anOverlayTargetingOnlyDisabledToolsFailsTheBuild() throws Exception {
        assertOverlayFailsTheBuild("{\"target\": \"$.paths['/tools/write_file'].post\", \"update\": {\"x-cli-hidden\": true}}",
                "selects only tools that sources.fs.disabledTools removes");
    }

    @Test
    void anOverlayPointingATheToolAtADisabledOneFailsTheBuild() throws Exception {
        assertOverlayFailsTheBuild("{\"target\": \"$.paths['/tools/read_text_file'].post\", \"update\": {\"x-mcp-tool\": \"write_file\"}}",
                "calls 'write_file', which the server does not offer enabled (disabledTools)");
    }

    @Test
    void aWorkflowStepOnADisabledToolFailsTheBuild() throws Exception {
        Files.writeString(dir.resolve("files.arazzo.json"), """
                {"arazzo": "1.0.1", "info": {"title": "w", "version": "1"},
                 "sourceDescriptions": [{"name": "files", "url": "mcp:fs", "type": "openapi"}],
                 "workflows": [{"workflowId": "save", "steps": [{"stepId": "write", "operationId": "write_file"}]}]}
                """);
        String cfg = config(", \"disabledTools\": [\"write_file\"]", "").replace("\"services\": {\"files\": {\"source\": \"fs\"}}",
                "\"services\": {\"files\": {\"source\": \"fs\", \"workflows\": [\"files.arazzo.json\"]}}");
        try (McpEngineFixture f = new McpEngineFixture(dir, cfg)) {
            assertThatThrownBy(() -> f.engine.effectiveCatalog(new CatalogQuery(null, null, null)))
                    .isInstanceOf(OcliException.class)
                    .satisfies(e -> assertThat(((OcliException) e).code()).isEqualTo("workflow_step_ignored"))
                    .hasMessageContaining("workflow save step write: operationId write_file is a tool that sources.fs.disabledTools removes");
        }
    }

    /** The service over fs gets an overlay with one {@code action}; write_file is disabled. */
    private void assertOverlayFailsTheBuild(String action, String message) throws Exception {
        Files.writeString(dir.resolve("overlay.json"),
                "{\"overlay\": \"1.0.0\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"actions\": [" + action + "]}");
        String cfg = config(", \"disabledTools\": [\"write_file\"]", "").replace("\"services\": {\"files\": {\"source\": \"fs\"}}",
                "\"services\": {\"files\": {\"source\": \"fs\", \"overlays\": [\"overlay.json\"]}}");
        try (McpEngineFixture f = new McpEngineFixture(dir, cfg)) {
            assertThatThrownBy(() -> f.engine.effectiveCatalog(new CatalogQuery(null, null, null)))
                    .isInstanceOf(OcliException.class).hasMessageContaining(message);
        }
    }
}
