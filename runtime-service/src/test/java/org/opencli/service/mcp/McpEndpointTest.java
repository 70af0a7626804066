package org.opencli.service.mcp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.opencli.core.mcpserver.NoSdkSchemaValidation;
import org.opencli.service.auth.AuthWorld;
import org.opencli.service.auth.AuthWorldAccess;

/**
 * {@code /mcp} driven by the MCP Java SDK's client over streamable HTTP, against a daemon with runtime
 * auth: the list is the token's effective view with schemas and annotations, a call goes through
 * policy, approval, the upstream and audit, and a request without a token gets the RFC 9728 pointer.
 */
@QuarkusTest
@TestProfile(McpAuthProfile.class)
class McpEndpointTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void listIsTheTokensEffectiveViewWithSchemasAndAnnotations() {
        withClient("bundle:helpdesk", client -> {
            Map<String, McpSchema.Tool> tools = byName(client.listTools().tools());
            assertThat(tools).containsKeys("helpdesk__listTickets", "helpdesk__getTicket", "helpdesk__deleteTicket",
                    "helpdesk__createTicket", "helpdesk__listComments");
            McpSchema.Tool get = tools.get("helpdesk__getTicket");
            assertThat(get.inputSchema()).containsEntry("type", "object").containsEntry("required", List.of("ticket-id"));
            assertThat(get.annotations().readOnlyHint()).isTrue();
            assertThat(get.annotations().destructiveHint()).isFalse();
            assertThat(get.meta()).containsEntry("org.opencli/toolId", "helpdesk:getTicket");
            McpSchema.Tool delete = tools.get("helpdesk__deleteTicket");
            assertThat(delete.annotations().destructiveHint()).isTrue();
            assertThat(delete.meta()).containsEntry("org.opencli/requiresApproval", true);
            assertThat(((Map<?, ?>) delete.inputSchema().get("properties")).containsKey("_approve")).isTrue();
            return null;
        });
    }

    @Test
    void scopesNarrowTheListExactlyAsTheyNarrowTheCatalog() {
        String scope = "tool:helpdesk:getTicket tool:helpdesk:listTickets";
        List<String> viewIds = given().header("Authorization", "Bearer " + AuthWorldAccess.token("mia", scope))
                .when().get("/v1/catalog/effective").then().statusCode(200).extract().jsonPath().getList("view.tools.id");
        withClient(scope, client -> {
            List<McpSchema.Tool> tools = client.listTools().tools();
            assertThat(tools).extracting(t -> t.meta().get("org.opencli/toolId")).containsExactlyInAnyOrderElementsOf(viewIds);
            assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder("helpdesk__getTicket", "helpdesk__listTickets");
            // a tool outside the envelope is no tool of this caller's
            assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("helpdesk__deleteTicket", Map.of("ticket-id", "7"))))
                    .hasMessageContaining("Unknown tool");
            return null;
        });
    }

    @Test
    void callGoesUpstreamAndIsAudited() {
        withClient("bundle:helpdesk", client -> {
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("helpdesk__getTicket", Map.of("ticket-id", "42")));
            assertThat(result.isError()).isFalse();
            assertThat(((McpSchema.TextContent) result.content().get(0)).text()).contains("tickets");
            assertThat(result.meta()).containsEntry("org.opencli/statusCode", 200);
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> AuthWorldAccess.auditLines().stream()
                .anyMatch(l -> l.contains("\"helpdesk:getTicket\"") && l.contains("\"principal\":\"mcp-agent\"")
                        && l.contains("\"statusCode\":200")));
    }

    @Test
    void approvalRequiredToolSaysHowToApproveAndRunsOnceApproved() {
        withClient("bundle:helpdesk", client -> {
            McpSchema.CallToolResult refused = client.callTool(new McpSchema.CallToolRequest("helpdesk__deleteTicket", Map.of("ticket-id", "9")));
            assertThat(refused.isError()).isTrue();
            assertThat(((McpSchema.TextContent) refused.content().get(0)).text()).contains("requires approval").contains("\"_approve\": true");
            assertThat(refused.meta()).containsEntry("org.opencli/problemCode", "approval_required");
            McpSchema.CallToolResult approved = client.callTool(new McpSchema.CallToolRequest("helpdesk__deleteTicket",
                    Map.of("ticket-id", "9", "_approve", true)));
            assertThat(approved.isError()).isFalse();
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<String> lines = AuthWorldAccess.auditLines().stream().filter(l -> l.contains("\"helpdesk:deleteTicket\"")).toList();
            return lines.stream().anyMatch(l -> l.contains("approval_required")) && lines.stream().anyMatch(l -> l.contains("\"statusCode\":200"));
        });
    }

    @Test
    void withoutATokenThe401PointsAtTheProtectedResourceMetadata() {
        String origin = base.toString().replaceAll("/$", "");
        given().contentType("application/json").body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")
                .when().post("/mcp")
                .then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"oclird\", resource_metadata=\"" + origin
                        + "/.well-known/oauth-protected-resource\""));
        given().when().get("/.well-known/oauth-protected-resource")
                .then().statusCode(200)
                .body("resource", equalTo(origin))
                .body("authorization_servers", equalTo(List.of(AuthWorld.ISSUER)))
                .body("bearer_methods_supported", equalTo(List.of("header")))
                .body("scopes_supported", equalTo(List.of("audit:read", "runtime:admin", "runtime:metrics", "runtime:refresh")));
        given().when().get("/.well-known/oauth-protected-resource/mcp")
                .then().statusCode(200).body("resource", equalTo(origin + "/mcp"));
        // other paths keep their challenge as it was
        given().when().get("/v1/catalog/effective").then().statusCode(401).header("WWW-Authenticate", equalTo("Bearer realm=\"oclird\""));
    }

    @Test
    void getAndDeleteAre405AndNoJsonRpcIs400() {
        String token = AuthWorldAccess.token("mcp-agent", "bundle:helpdesk");
        given().header("Authorization", "Bearer " + token).when().get("/mcp")
                .then().statusCode(405).header("Allow", "POST").body("code", equalTo("method_not_allowed"));
        given().header("Authorization", "Bearer " + token).when().delete("/mcp").then().statusCode(405);
        given().header("Authorization", "Bearer " + token).contentType("application/json").body("[{\"jsonrpc\":\"2.0\"}]")
                .when().post("/mcp").then().statusCode(400).body("error.code", equalTo(-32700));
        given().header("Authorization", "Bearer " + token).contentType("application/json").body("not json")
                .when().post("/mcp").then().statusCode(400).body("error.message", containsString("JSON-RPC"));
        given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                .when().post("/mcp").then().statusCode(202);
    }

    private <T> T withClient(String scope, Function<McpSyncClient, T> use) {
        String token = AuthWorldAccess.token("mcp-agent", scope);
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base.toString())
                .endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))
                .jsonSchemaValidator(NoSdkSchemaValidation.INSTANCE).build();
        try {
            client.initialize();
            return use.apply(client);
        } finally {
            client.closeGracefully();
        }
    }

    private static Map<String, McpSchema.Tool> byName(List<McpSchema.Tool> tools) {
        Map<String, McpSchema.Tool> out = new java.util.LinkedHashMap<>();
        tools.forEach(t -> out.put(t.name(), t));
        return out;
    }
}
