package org.opencli.service.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * The boundary on Quarkus Security beyond the endpoints: unknown paths and {@code /q/*} outside health
 * answer 401 problem+json too, a refusal's record is in the trail when the answer arrives (no wait),
 * and the request id is echoed on refusals.
 */
@QuarkusTest
@TestProfile(AuthProfile.class)
class SecurityBoundaryTest {

    @Test
    void unknownPathsAndQuarkusPathsNeedATokenToo() {
        for (String path : java.util.List.of("/v1/nothing-here", "/q/metrics", "/")) {
            given().when().get(path).then().statusCode(401)
                    .contentType(startsWith("application/problem+json"))
                    .header("WWW-Authenticate", equalTo("Bearer realm=\"oclird\""))
                    .body("code", equalTo("unauthenticated")).body("reason", equalTo("missing"));
        }
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aRefusalsRecordIsDurableBeforeItsAnswer() {
        given().header("X-Request-Id", "durable-401").header("Authorization", "Bearer not.a.jwt")
                .when().get("/v1/catalog/effective").then().statusCode(401).header("X-Request-Id", equalTo("durable-401"));
        assertThat(AuthWorld.auditLines()).anyMatch(l -> l.contains("\"authn_failure\"") && l.contains("durable-401"));

        AuthBoundaryTest.as(AuthWorld.token("lena", "bundle:helpdesk")).header("X-Request-Id", "durable-403")
                .when().get("/v1/audit/events").then().statusCode(403).header("X-Request-Id", equalTo("durable-403"))
                .body("requiredScope", equalTo("audit:read"));
        assertThat(AuthWorld.auditLines()).anyMatch(l -> l.contains("\"authz_denial\"") && l.contains("durable-403")
                && l.contains("GET /v1/audit/events requires audit:read"));
    }
}
