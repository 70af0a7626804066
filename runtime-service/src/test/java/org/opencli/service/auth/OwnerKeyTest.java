package org.opencli.service.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.service.ServiceTestProfile;

/**
 * A loopback daemon without runtime auth serves only its owner: another local user, who cannot read
 * the owner-only runtime.json, has no key and gets a 401 problem; the key is never echoed or audited.
 */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class OwnerKeyTest {
    @Inject
    DaemonAccess access;

    @Inject
    RuntimeEngine engine;

    @Test
    void aClientWithoutTheKeyGetsA401Problem() {
        given().header("X-Request-Id", "no-key-1").contentType("application/json").body("{\"toolId\": \"helpdesk:listTickets\"}")
                .when().post("/v1/tools/execute")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer realm=\"oclird\""))
                .body("code", equalTo("unauthenticated"))
                .body("reason", equalTo("missing"));
        given().when().get("/v1/catalog/effective").then().statusCode(401).contentType("application/problem+json");
        given().when().get("/v1/audit/events").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aWrongKeyIsRefusedAndNeitherKeyIsEchoedOrAudited() throws Exception {
        String guess = DaemonAccess.newKey();
        String body = given().header("Authorization", "Bearer " + guess).header("X-Request-Id", "wrong-key-1")
                .when().get("/v1/catalog/effective")
                .then().statusCode(401).contentType("application/problem+json")
                .body("reason", equalTo("wrong_client_key"))
                .extract().asString();
        assertThat(body).doesNotContain(guess).doesNotContain(access.clientKey());
        String audit = Files.readString(engine.auditLog().file());
        assertThat(audit).contains("wrong-key-1").contains("authn_failure")
                .doesNotContain(guess).doesNotContain(access.clientKey());
    }

    @Test
    void theOwnersKeyIsAcceptedAndHealthAndInfoStayOpen() {
        given().header("Authorization", "Bearer " + access.clientKey()).when().get("/v1/catalog/effective")
                .then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/v1/runtime/info").then().statusCode(200).body("auth.required", equalTo(false));
    }

    @Test
    void theOwnerMayNameAnotherConfig() throws Exception {
        java.nio.file.Path dir = Files.createTempDirectory("owner-config");
        try (var files = Files.list(ServiceTestProfile.CONFIG.getParent())) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                if (Files.isRegularFile(f)) Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        java.nio.file.Path other = dir.resolve(".cli.json");
        given().header("Authorization", "Bearer " + access.clientKey()).queryParam("config", other.toString())
                .when().get("/v1/catalog/effective").then().statusCode(200);
    }
}
