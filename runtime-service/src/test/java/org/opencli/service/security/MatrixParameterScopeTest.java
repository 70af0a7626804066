package org.opencli.service.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencli.service.auth.AuthProfile;
import org.opencli.service.auth.AuthWorldAccess;

/**
 * The operational scopes hold whatever a path's spelling: a matrix parameter ({@code ;x=y}, RFC 3986
 * path-segment parameters) in a segment is dropped by JAX-RS when it matches a resource, so
 * {@code GET /v1/audit;x=y/events} is served by the audit resource. The scope check must see it as
 * {@code /v1/audit/events} too; found by probing a real oclird: a token without {@code audit:read}
 * read the whole audit trail, and one without {@code runtime:admin} stopped the daemon
 * ({@code POST /v1/runtime/stop;x=1}).
 */
@QuarkusTest
@TestProfile(AuthProfile.class)
class MatrixParameterScopeTest {

    @Test
    void aMatrixParameterDoesNotSkipTheAuditScope() {
        String noScope = AuthWorldAccess.token("mallory", "bundle:helpdesk");
        for (String path : List.of("/v1/audit;x=y/events", "/v1;x=y/audit/events", "/v1/audit;/events", "/v1/audit;x=y/stream")) {
            given().urlEncodingEnabled(false).header("Authorization", "Bearer " + noScope).header("X-Request-Id", "matrix-audit")
                    .when().get(path).then().statusCode(403)
                    .contentType(startsWith("application/problem+json"))
                    .header("WWW-Authenticate", equalTo("Bearer error=\"insufficient_scope\", scope=\"audit:read\""))
                    .body("code", equalTo("insufficient_scope")).body("requiredScope", equalTo("audit:read"));
        }
        assertThat(AuthWorldAccess.auditLines()).anyMatch(l -> l.contains("\"authz_denial\"") && l.contains("matrix-audit"));
    }

    @Test
    void aMatrixParameterDoesNotSkipTheAdminScope() {
        String noScope = AuthWorldAccess.token("mallory", "bundle:helpdesk");
        for (String path : List.of("/v1/runtime/heartbeat;x=1", "/v1/runtime;x=1/session-close", "/v1/runtime/stop;x=1")) {
            given().urlEncodingEnabled(false).header("Authorization", "Bearer " + noScope)
                    .contentType("application/json").body("{\"sessionId\": \"s-1\"}")
                    .when().post(path).then().statusCode(403)
                    .contentType(startsWith("application/problem+json"))
                    .body("code", equalTo("insufficient_scope")).body("requiredScope", equalTo("runtime:admin"));
        }
    }
}
