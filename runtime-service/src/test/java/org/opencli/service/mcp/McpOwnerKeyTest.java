package org.opencli.service.mcp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.opencli.service.AsOwner;
import org.opencli.service.ServiceTestProfile;

/**
 * {@code /mcp} of a local daemon without runtime auth: its owner lists the discover view and picks
 * a profile's view by query; without the owner key it is 401 with no metadata pointer, since there is
 * no authorization server to find (the metadata paths answer 404).
 */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class McpOwnerKeyTest extends AsOwner {
    private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";

    @Test
    void theOwnerListsTheViewTheQueryChooses() {
        given().contentType("application/json").body(LIST).when().post("/mcp")
                .then().statusCode(200).body("id", equalTo(1))
                .body("result.tools.name", hasItems("helpdesk__listTickets", "helpdesk__deleteTicket"));
        given().contentType("application/json").body(LIST).when().post("/mcp?agentProfile=reader")
                .then().statusCode(200).body("result.tools.name", equalTo(java.util.List.of("helpdesk__getTicket")));
        given().contentType("application/json").body(LIST).when().post("/mcp?agentProfile=nobody")
                .then().statusCode(200).body("error.code", equalTo(-32600)).body("error.message", containsString("nobody"));
    }

    @Test
    void withoutTheKeyIt401sWithoutMetadataAndTheMetadataIs404() {
        given().header("Authorization", "Bearer not-the-key").contentType("application/json").body(LIST).when().post("/mcp")
                .then().statusCode(401).header("WWW-Authenticate",
                        allOf(startsWith("Bearer realm=\"oclird\""), not(containsString("resource_metadata"))));
        given().header("Authorization", "").when().get("/.well-known/oauth-protected-resource")
                .then().statusCode(404).body("code", equalTo("not_found"));
    }
}
