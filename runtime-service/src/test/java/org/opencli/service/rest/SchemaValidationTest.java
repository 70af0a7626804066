package org.opencli.service.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencli.service.AsOwner;
import org.opencli.service.ServiceTestProfile;

/**
 * {@code POST /v1/tools/execute} checks the call against the tool's schemas before any upstream
 * call: a bad body or flag is a 400 problem naming the JSON pointer, the upstream sees nothing, and
 * the refusal is in the audit trail.
 */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class SchemaValidationTest extends AsOwner {
    private HttpServer upstream;
    private final AtomicInteger upstreamRequests = new AtomicInteger();
    private Path config;

    @BeforeEach
    void world() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", exchange -> {
            upstreamRequests.incrementAndGet();
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        upstream.start();
        Path dir = Files.createTempDirectory("oclird-validate");
        Files.writeString(dir.resolve("tickets.openapi.yaml"), """
                openapi: 3.0.3
                info: { title: Tickets, version: "1" }
                servers: [ { url: "http://127.0.0.1:%d" } ]
                components:
                  schemas:
                    Priority: { type: string, enum: [low, normal, high] }
                paths:
                  /tickets:
                    get:
                      operationId: listTickets
                      parameters:
                        - { name: status, in: query, schema: { type: string, enum: [open, closed] } }
                      responses: { "200": { description: OK } }
                    post:
                      operationId: createTicket
                      requestBody:
                        required: true
                        content:
                          application/json:
                            schema:
                              type: object
                              required: [title]
                              properties:
                                title: { type: string }
                                priority: { $ref: "#/components/schemas/Priority" }
                      responses: { "201": { description: Created } }
                """.formatted(upstream.getAddress().getPort()));
        config = dir.resolve(".cli.json");
        Files.writeString(config, """
                {"cli": "1.0.0", "mode": {"default": "discover"},
                 "sources": {"ticketsApi": {"type": "openapi", "uri": "./tickets.openapi.yaml"}},
                 "services": {"valid": {"source": "ticketsApi"}}}
                """);
    }

    @AfterEach
    void stop() {
        upstream.stop(0);
    }

    private String execute(String toolId, String members) {
        return "{\"configPath\": \"" + config.toString().replace("\\", "\\\\") + "\", \"toolId\": \"" + toolId + "\", "
                + members + "}";
    }

    @Test
    void aBodyOutsideItsSchemaIs400NamingThePointerAndNothingIsSent() {
        given().header("X-Request-Id", "validate-body-1").contentType("application/json")
                .body(execute("valid:createTicket", "\"body\": {\"title\": \"t\", \"priority\": \"urgent\"}"))
                .when().post("/v1/tools/execute")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:open-cli:problem:invalid_request_body"))
                .body("code", equalTo("invalid_request_body"))
                .body("detail", equalTo("/priority: must be one of [low, normal, high]"))
                .body("errors", hasSize(1))
                .body("errors[0].path", equalTo("/priority"));
        assertThat(upstreamRequests.get()).isZero();
        given().queryParam("requestId", "validate-body-1").when().get("/v1/audit/events")
                .then().statusCode(200)
                .body("events", hasSize(1))
                .body("events[0].toolId", equalTo("valid:createTicket"))
                .body("events[0].decision", equalTo("error"))
                .body("events[0].reasonCode", equalTo("invalid_request_body"));

        given().contentType("application/json")
                .body(execute("valid:createTicket", "\"body\": {\"title\": \"t\", \"priority\": \"high\"}"))
                .when().post("/v1/tools/execute")
                .then().statusCode(200).body("statusCode", equalTo(201));
        assertThat(upstreamRequests.get()).isEqualTo(1);
    }

    @Test
    void aFlagOutsideItsEnumIs400AndADryRunSaysTheSame() {
        for (String dryRun : new String[] {"false", "true"}) {
            given().contentType("application/json")
                    .body(execute("valid:listTickets", "\"flags\": {\"status\": \"pending\"}, \"dryRun\": " + dryRun))
                    .when().post("/v1/tools/execute")
                    .then().statusCode(400)
                    .body("code", equalTo("invalid_parameter"))
                    .body("errors[0].path", equalTo("--status"))
                    .body("detail", equalTo("--status: must be one of [open, closed]"));
        }
        assertThat(upstreamRequests.get()).isZero();
    }
}
