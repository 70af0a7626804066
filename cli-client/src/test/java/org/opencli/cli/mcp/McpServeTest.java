package org.opencli.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.support.CliRunner;
import org.opencli.core.mcpserver.NoSdkSchemaValidation;

/**
 * {@code ocli mcp serve} as a real process, driven over stdio by the MCP Java SDK's client: the demo's
 * engine and its shop upstream run inside that ocli, so list, call, approval, upstream errors and audit
 * are the real ones; the agent profile picks the view.
 */
class McpServeTest {
    /** The real launcher without a CDI container, as LeanStartTest runs it. */
    private static final String PROBE = "org.opencli.cli.LeanStartTest$LeanStartProbe";

    @TempDir
    Path dir;

    private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());

    @Test
    void listsTheViewAndCallsThroughTheEngineWithApprovalAndAudit() throws Exception {
        serve(List.of("--demo", "mcp", "serve"), client -> {
            List<McpSchema.Tool> tools = client.listTools().tools();
            assertThat(tools).extracting(McpSchema.Tool::name)
                    .contains("shop__listItems", "shop__getItem", "shop__createOrder", "shop__getOrder", "shop__cancelOrder");
            McpSchema.Tool getItem = tools.stream().filter(t -> t.name().equals("shop__getItem")).findFirst().orElseThrow();
            assertThat(getItem.inputSchema()).containsEntry("required", List.of("item-id"));
            assertThat(getItem.annotations().readOnlyHint()).isTrue();

            McpSchema.CallToolResult item = client.callTool(new McpSchema.CallToolRequest("shop__getItem", Map.of("item-id", "7")));
            assertThat(item.isError()).isFalse();
            assertThat(((McpSchema.TextContent) item.content().get(0)).text()).contains("Teapot");
            assertThat(((Map<?, ?>) item.structuredContent()).get("name")).isEqualTo("Teapot");

            McpSchema.CallToolResult missing = client.callTool(new McpSchema.CallToolRequest("shop__getItem", Map.of("item-id", "999")));
            assertThat(missing.isError()).isTrue();
            assertThat(((McpSchema.TextContent) missing.content().get(0)).text()).startsWith("HTTP 404");

            McpSchema.CallToolResult refused = client.callTool(new McpSchema.CallToolRequest("shop__cancelOrder", Map.of("order-id", "o-1")));
            assertThat(refused.isError()).isTrue();
            assertThat(((McpSchema.TextContent) refused.content().get(0)).text()).contains("requires approval", "\"_approve\": true");
            McpSchema.CallToolResult approved = client.callTool(new McpSchema.CallToolRequest("shop__cancelOrder",
                    Map.of("order-id", "o-1", "_approve", true)));
            assertThat(approved.meta()).doesNotContainEntry("org.opencli/problemCode", "approval_required");
        });
        // the embedded engine's durable trail, hash-chained records one per line
        assertThat(auditTrail()).as(debugFiles()).contains("\"shop:getItem\"", "\"shop:cancelOrder\"", "approval_required");
    }

    @Test
    void theAgentProfileChoosesTheView() {
        serve(List.of("--demo", "--agent-profile", "shopper", "mcp", "serve"), client -> assertThat(client.listTools().tools())
                .extracting(McpSchema.Tool::name).containsExactlyInAnyOrder("shop__listItems", "shop__getItem", "shop__getOrder"));
    }

    @Test
    void withoutAConfigItFailsAsOcliDoesBeforeAnyJsonRpc() throws Exception {
        Path empty = java.nio.file.Files.createDirectories(dir.resolve("empty"));
        CliRunner.CliResult r = new CliRunner(Map.of(), empty).run("--state-dir", dir.resolve("state").toString(), "mcp", "serve");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("no .cli.json");
    }

    private String auditTrail() throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(dir.resolve("state"))) {
            StringBuilder all = new StringBuilder();
            for (Path log : files.filter(f -> f.getFileName().toString().equals("audit.log")).toList()) {
                all.append(java.nio.file.Files.readString(log));
            }
            return all.toString();
        }
    }

    private String debugFiles() {
        try (var files = java.nio.file.Files.walk(dir)) {
            return files.map(Path::toString).collect(java.util.stream.Collectors.joining("\n")) + "\n" + String.join("\n", stderr);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private void serve(List<String> ocliArgs, Consumer<McpSyncClient> use) {
        List<String> args = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"), PROBE,
                "--state-dir", dir.resolve("state").toString()));
        args.addAll(ocliArgs);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        StdioClientTransport transport = new StdioClientTransport(ServerParameters.builder(java).args(args).build(),
                new JacksonMcpJsonMapper(new ObjectMapper()));
        transport.setStdErrorHandler(stderr::add);
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60)).jsonSchemaValidator(NoSdkSchemaValidation.INSTANCE).build();
        try {
            McpSchema.InitializeResult init = client.initialize();
            assertThat(init.serverInfo().name()).as(String.join("\n", stderr)).isEqualTo("ocli");
            assertThat(init.capabilities().tools()).isNotNull();
            use.accept(client);
        } finally {
            client.closeGracefully();
        }
    }
}
