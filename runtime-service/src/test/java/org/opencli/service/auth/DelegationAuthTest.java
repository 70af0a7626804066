package org.opencli.service.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The daemon with runtime.server.auth.delegation: a token whose {@code act} chain names agents gets
 * the user's grants ∩ every actor's, over HTTP; every record of its calls carries the chain.
 */
@QuarkusTest
@TestProfile(DelegationProfile.class)
class DelegationAuthTest {
    static final Map<String, Object> CHAIN = Map.of("sub", "triage-bot", "act", Map.of("sub", "orchestrator"));

    static String delegated(String user, String scope, Object act) {
        return AuthWorld.sign(AuthWorld.claims(user, scope).claim("act", act).build());
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    @Test
    void anAgentChainGetsTheIntersectionAndEveryRecordNamesIt() {
        String token = delegated("hana", "bundle:helpdesk audit:read runtime:refresh", CHAIN);
        as(token).when().get("/v1/catalog/effective").then().statusCode(200)
                .body("catalog.tools.id", containsInAnyOrder("helpdesk:listTickets", "helpdesk:getTicket"));
        int before = AuthWorld.upstreamRequests.get();
        as(token).contentType("application/json")
                .body("{\"toolId\": \"helpdesk:createTicket\", \"body\": \"eyJ0aXRsZSI6IngifQ==\"}")
                .when().post("/v1/tools/execute").then().statusCode(403).body("code", equalTo("insufficient_scope"));
        as(token).contentType("application/json").body(AuthBoundaryTest.executeBody("helpdesk:listTickets"))
                .when().post("/v1/tools/execute").then().statusCode(200);
        assertThat(AuthWorld.upstreamRequests.get()).isEqualTo(before + 1);
        as(token).when().get("/v1/audit/events").then().statusCode(200);
        as(token).when().post("/v1/refresh").then().statusCode(403).body("requiredScope", equalTo("runtime:refresh"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> hana = AuthWorld.auditLines().stream().filter(l -> l.contains("\"principal\":\"hana\"")).toList();
            assertThat(hana).anyMatch(l -> l.contains("\"eventType\":\"tool_execution\"") && l.contains("\"decision\":\"allow\""));
            assertThat(hana).anyMatch(l -> l.contains("\"eventType\":\"authz_denial\"") && l.contains("/v1/refresh"));
            assertThat(hana).anyMatch(l -> l.contains("\"eventType\":\"authenticated_connect\""));
            assertThat(hana).allMatch(l -> l.contains("\"actors\":[\"triage-bot\",\"orchestrator\"]"));
        });
    }

    @Test
    void runtimeInfoNamesTheActingAgentsCurrentFirst() {
        as(delegated("hana", "bundle:helpdesk", CHAIN)).when().get("/v1/runtime/info").then().statusCode(200)
                .body("auth.principal.name", equalTo("hana"))
                .body("auth.principal.actors", contains("triage-bot", "orchestrator"));
        as(AuthWorld.sign(AuthWorld.claims("hana", "bundle:helpdesk").build())).when().get("/v1/runtime/info").then().statusCode(200)
                .body("auth.principal.name", equalTo("hana"))
                .body("auth.principal", not(hasKey("actors")));
    }

    @Test
    void anActorTheConfigDoesNotNameGetsNothing() {
        String token = delegated("ivan", "bundle:helpdesk audit:read", Map.of("sub", "stranger"));
        as(token).when().get("/v1/catalog/effective").then().statusCode(200).body("catalog.tools.size()", equalTo(0));
        as(token).when().get("/v1/audit/events").then().statusCode(403);
    }

    @Test
    void aChainDeeperThanFiveIsMalformed() {
        Object act = Map.of("sub", "a6");
        for (int i = 5; i >= 1; i--) act = Map.of("sub", "a" + i, "act", act);
        as(delegated("jon", "bundle:helpdesk", act)).when().get("/v1/catalog/effective")
                .then().statusCode(401).body("reason", equalTo("malformed"));
    }
}
