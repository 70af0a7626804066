package org.opencli.service.mcp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.opencli.core.mcpserver.NoSdkSchemaValidation;
import org.opencli.service.AsOwner;

/**
 * {@code /mcp} serving tools that come from an MCP source: the daemon's config has server-everything
 * over stdio in {@code mcpServers}, and the MCP Java SDK's client on {@code /mcp} sees that server's
 * tools (names, input schemas, {@code readOnlyHint} through the catalog's safety) and calls one
 * through the runtime to the server, leaving one audit record.
 */
@QuarkusTest
@TestProfile(McpSourceProfile.class)
class McpSourceEndpointTest extends AsOwner {
    @TestHTTPResource("/")
    URL base;

    @Test
    void theSourcesToolsAreListedAsTheServerListsThem() {
        List<McpSchema.Tool> own = withClient(serverItself(), client -> client.listTools().tools());
        List<String> viewIds = given().when().get("/v1/catalog/effective").then().statusCode(200)
                .extract().jsonPath().getList("view.tools.id");
        Map<String, McpSchema.Tool> served = withClient(overMcp("mcp-source-list"), client -> byName(client.listTools().tools()));

        assertThat(served.keySet()).containsExactlyInAnyOrderElementsOf(own.stream().map(t -> "everything__" + t.name()).toList());
        assertThat(served.values()).extracting(t -> t.meta().get("org.opencli/toolId")).containsExactlyInAnyOrderElementsOf(viewIds);
        for (McpSchema.Tool tool : own) {
            McpSchema.Tool seen = served.get("everything__" + tool.name());
            // each argument by its CLI flag name (messageType is message-type)
            assertThat(properties(seen).keySet()).as(tool.name())
                    .isEqualTo(properties(tool).keySet().stream().map(k -> flagName((String) k)).collect(Collectors.toSet()));
            boolean readOnly = tool.annotations() != null && Boolean.TRUE.equals(tool.annotations().readOnlyHint());
            assertThat(seen.annotations().readOnlyHint()).as(tool.name()).isEqualTo(readOnly);
        }
        McpSchema.Tool sum = served.get("everything__get-sum");
        assertThat(sum.meta()).containsEntry("org.opencli/toolId", "everything:get-sum");
        assertThat(sum.inputSchema()).containsEntry("type", "object");
        assertThat(sum.inputSchema().get("required")).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactlyInAnyOrder("a", "b");
        assertThat(properties(sum).get("a")).asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("type", "number");
        assertThat(sum.annotations().readOnlyHint()).isTrue();
        assertThat(served.get("everything__toggle-simulated-logging").annotations().readOnlyHint()).isFalse();
    }

    @Test
    void aCallReachesTheServerAndLeavesOneAuditRecord() {
        McpSchema.CallToolResult result = withClient(overMcp("mcp-source-sum-1"),
                client -> client.callTool(new McpSchema.CallToolRequest("everything__get-sum", Map.of("a", 2, "b", 3))));
        assertThat(result.isError()).isFalse();
        assertThat(((McpSchema.TextContent) result.content().get(0)).text()).isEqualTo("The sum of 2 and 3 is 5.");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !events("mcp-source-sum-1").getList("events").isEmpty());
        JsonPath events = events("mcp-source-sum-1");
        assertThat(events.getList("events")).hasSize(1);
        assertThat(events.getString("events[0].toolId")).isEqualTo("everything:get-sum");
        assertThat(events.getString("events[0].decision")).isEqualTo("allow");
        assertThat(events.getString("events[0].targetBaseUrl")).isEqualTo("mcp:everything");
    }

    /** The daemon's {@code /mcp} as its owner, every request carrying {@code requestId}. */
    private McpClientTransport overMcp(String requestId) {
        return HttpClientStreamableHttpTransport.builder(base.toString()).endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", ownerAuthorization()).header("X-Request-Id", requestId))
                .build();
    }

    /** server-everything spoken to directly, for what it lists itself. */
    private static McpClientTransport serverItself() {
        return new StdioClientTransport(ServerParameters.builder(McpSourceProfile.everything().toString()).args("stdio").build(),
                new JacksonMcpJsonMapper(new ObjectMapper()));
    }

    private static <T> T withClient(McpClientTransport transport, Function<McpSyncClient, T> use) {
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).initializationTimeout(Duration.ofSeconds(30))
                .jsonSchemaValidator(NoSdkSchemaValidation.INSTANCE).build();
        try {
            client.initialize();
            return use.apply(client);
        } finally {
            client.closeGracefully();
        }
    }

    /** A tool's input schema's {@code properties} (empty when it has none). */
    private static Map<?, ?> properties(McpSchema.Tool tool) {
        Object properties = tool.inputSchema().get("properties");
        return properties instanceof Map<?, ?> map ? map : Map.of();
    }

    private static String flagName(String argument) {
        return argument.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static JsonPath events(String requestId) {
        return given().queryParam("requestId", requestId).when().get("/v1/audit/events").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, McpSchema.Tool> byName(List<McpSchema.Tool> tools) {
        Map<String, McpSchema.Tool> out = new LinkedHashMap<>();
        tools.forEach(t -> out.put(t.name(), t));
        return out;
    }
}
