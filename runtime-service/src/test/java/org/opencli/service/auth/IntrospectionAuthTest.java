package org.opencli.service.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** oauth2_introspection end to end through the daemon: opaque tokens, the IdP decides, client auth sent. */
@QuarkusTest
@TestProfile(IntrospectionProfile.class)
class IntrospectionAuthTest {

    static Map<String, Object> active(String scope) {
        return Map.of("active", true, "sub", "svc-7", "client_id", "ocli-ci", "aud", "oclird", "scope", scope,
                "exp", Instant.now().plusSeconds(300).getEpochSecond());
    }

    @Test
    void activeOpaqueTokenIsAcceptedAndItsScopesFilterTheCatalog() {
        IntrospectionWorld.answers.put("opaque-reader", active("tool:helpdesk:getTicket tool:helpdesk:listTickets"));
        given().header("Authorization", "Bearer opaque-reader").when().get("/v1/catalog/effective")
                .then().statusCode(200)
                .body("catalog.tools.id", containsInAnyOrder("helpdesk:getTicket", "helpdesk:listTickets"));
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                "oclird-introspector:oclird-introspector-secret".getBytes(StandardCharsets.UTF_8));
        assertThat(IntrospectionWorld.authorizations).isNotEmpty().allMatch(expected::equals);
        given().when().get("/v1/runtime/info").then().statusCode(200)
                .body("auth.tokenValidationProfiles", hasItem("oauth2_introspection"))
                .body("auth.browserLogin.configured", equalTo(false));
    }

    @Test
    void inactiveAndMisdirectedTokensAre401() {
        given().header("Authorization", "Bearer opaque-unknown").when().get("/v1/catalog/effective")
                .then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"oclird\", error=\"invalid_token\""))
                .body("code", equalTo("unauthenticated"))
                .body("reason", equalTo("inactive"));
        IntrospectionWorld.answers.put("opaque-other-aud", Map.of("active", true, "sub", "x", "aud", "account"));
        given().header("Authorization", "Bearer opaque-other-aud").when().get("/v1/catalog/effective")
                .then().statusCode(401).body("reason", equalTo("wrong_audience"));
    }

    @Test
    void revokedAtTheIdpIsRefusedOnTheNextRequest() {
        IntrospectionWorld.answers.put("opaque-revoke-me", active("bundle:helpdesk"));
        given().header("Authorization", "Bearer opaque-revoke-me").when().get("/v1/catalog/effective")
                .then().statusCode(200);
        IntrospectionWorld.answers.put("opaque-revoke-me", Map.of("active", false));
        given().header("Authorization", "Bearer opaque-revoke-me").when().get("/v1/catalog/effective")
                .then().statusCode(401).body("reason", equalTo("inactive"));
    }
}
