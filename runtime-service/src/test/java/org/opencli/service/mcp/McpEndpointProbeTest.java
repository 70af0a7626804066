package org.opencli.service.mcp;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencli.service.auth.AuthWorldAccess;

/**
 * {@code /mcp} fed what a hostile or careless client sends (found by probing a running daemon): no
 * input is a 5xx or an internal error, a malformed request is named as such, and a call refused
 * before it became an execute request still leaves its audit record, as the execute path does.
 */
@QuarkusTest
@TestProfile(McpAuthProfile.class)
class McpEndpointProbeTest {

    @Test
    void aJsonNullBodyIsAParseErrorNotA500() {
        client("bundle:helpdesk").body("null").when().post("/mcp")
                .then().statusCode(400).body("error.code", equalTo(-32700));
    }

    @Test
    void paramsOrArgumentsOfTheWrongTypeAreInvalidParams() {
        client("bundle:helpdesk").body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":\"x\"}")
                .when().post("/mcp").then().statusCode(200).body("error.code", equalTo(-32602))
                .body("error.message", containsString("params"));
        client("bundle:helpdesk").body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"helpdesk__listTickets\",\"arguments\":\"not an object\"}}")
                .when().post("/mcp").then().statusCode(200).body("error.code", equalTo(-32602));
    }

    @Test
    void anInitializeWithoutParamsIsInvalidParamsWithoutTheRuntimesInternals() {
        client("bundle:helpdesk").body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}")
                .when().post("/mcp").then().statusCode(200).body("error.code", equalTo(-32602))
                .body("error.message", not(containsString("null")));
    }

    @Test
    void anUnknownProtocolVersionIsAnsweredWithTheNewestAndAKnownOneWithItself() {
        String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"%s\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"probe\",\"version\":\"1\"}}}";
        client("bundle:helpdesk").body(init.formatted("2099-01-01")).when().post("/mcp")
                .then().statusCode(200).body("result.protocolVersion", equalTo("2025-11-25"));
        client("bundle:helpdesk").body(init.formatted("2025-03-26")).when().post("/mcp")
                .then().statusCode(200).body("result.protocolVersion", equalTo("2025-03-26"));
    }

    @Test
    void aCallOfAToolOutsideTheCallersViewIsAudited() {
        String name = "helpdesk__deleteTicket_" + UUID.randomUUID().toString().replace("-", "");
        client("tool:helpdesk:getTicket").body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\""
                + name + "\",\"arguments\":{}}}")
                .when().post("/mcp").then().statusCode(200).body("error.code", equalTo(-32602));
        await().atMost(Duration.ofSeconds(10)).until(() -> AuthWorldAccess.auditLines().stream()
                .anyMatch(l -> l.contains("\"toolId\":\"" + name + "\"") && l.contains("\"reasonCode\":\"unknown_tool\"")
                        && l.contains("\"principal\":\"mcp-probe\"")));
    }

    @Test
    void argumentsThatMakeNoRequestAreARefusalWithItsAuditRecord() {
        client("bundle:helpdesk").body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"helpdesk__listComments\",\"arguments\":{\"_approve\":\"perhaps\"}}}")
                .when().post("/mcp").then().statusCode(200).body("result.isError", equalTo(true))
                .body("result._meta.'org.opencli/problemCode'", equalTo("invalid_arguments"));
        await().atMost(Duration.ofSeconds(10)).until(() -> AuthWorldAccess.auditLines().stream()
                .anyMatch(l -> l.contains("\"toolId\":\"helpdesk:listComments\"") && l.contains("\"reasonCode\":\"invalid_arguments\"")
                        && l.contains("\"principal\":\"mcp-probe\"")));
    }

    private static RequestSpecification client(String scope) {
        return given().header("Authorization", "Bearer " + AuthWorldAccess.token("mcp-probe", scope))
                .header("Accept", "application/json, text/event-stream").contentType("application/json");
    }
}
