package org.opencli.service.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencli.service.AsOwner;
import org.opencli.service.ServiceTestProfile;

/**
 * The daemon over an mcp source (server-everything over stdio, from `make mcp-servers`): its tools in
 * the effective catalog with an mcp backend, a call through {@code POST /v1/tools/execute} on the
 * non-blocking path, a schema refusal before anything is sent, and one audit record per call.
 */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class McpExecuteTest extends AsOwner {
    private Path config;

    @BeforeEach
    void world() throws IOException {
        String npm = System.getProperty("ocli.mcp.npm");
        Path server = npm == null ? null : Path.of(npm, "node_modules", ".bin", "mcp-server-everything");
        if (server == null || !Files.isExecutable(server)) {
            throw new AssertionError("server-everything is missing (ocli.mcp.npm=" + npm + "): run `make mcp-servers` first");
        }
        Path dir = Files.createTempDirectory("oclird-mcp");
        config = dir.resolve(".cli.json");
        Files.writeString(config, """
                {"cli": "1.0.0", "mode": {"default": "discover"},
                 "mcpServers": {"everything": {"command": "%s", "args": ["stdio"]}}}
                """.formatted(server));
    }

    private String execute(String toolId, String members) {
        return "{\"configPath\": \"" + config + "\", \"toolId\": \"" + toolId + "\", " + members + "}";
    }

    @Test
    void anMcpToolIsListedAndCalledThroughTheDaemon() {
        given().queryParam("config", config.toString()).when().get("/v1/catalog/effective")
                .then().statusCode(200)
                .body("catalog.tools.find { it.id == 'everything:echo' }.backend.type", equalTo("mcp"))
                .body("catalog.tools.find { it.id == 'everything:echo' }.backend.toolName", equalTo("echo"))
                .body("catalog.tools.find { it.id == 'everything:echo' }.safety.readOnly", equalTo(true))
                .body("catalog.sources.type", hasItem("mcp"));
        given().header("X-Request-Id", "mcp-echo-1").contentType("application/json")
                .body(execute("everything:echo", "\"flags\": {\"message\": \"through oclird\"}"))
                .when().post("/v1/tools/execute")
                .then().statusCode(200)
                .body("statusCode", equalTo(200))
                .body("text", equalTo("Echo: through oclird"));
        given().queryParam("requestId", "mcp-echo-1").when().get("/v1/audit/events")
                .then().statusCode(200)
                .body("events", hasSize(1))
                .body("events[0].toolId", equalTo("everything:echo"))
                .body("events[0].decision", equalTo("allow"))
                .body("events[0].targetBaseUrl", equalTo("mcp:everything"));
    }

    @Test
    void aCallOutsideTheInputSchemaIsRefusedBeforeItIsSent() {
        given().contentType("application/json")
                .body(execute("everything:get-sum", "\"flags\": {\"a\": \"two\", \"b\": 1}"))
                .when().post("/v1/tools/execute")
                .then().statusCode(400)
                .body("code", equalTo("invalid_parameter"));
    }
}
