package org.opencli.service.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * runtime.server.auth.grantMap through the real daemon: IdP names from {@code scp} and {@code roles}
 * become runtime grants that filter the catalog and gate the audit; runtime info answers the
 * derived grants, the upn as principal, oid and tid; audit records carry oid and tid.
 */
@QuarkusTest
@TestProfile(GrantMapProfile.class)
class GrantMapTest {

    static String entraToken(String scp, List<String> roles) {
        return AuthWorld.sign(AuthWorld.claims("pairwise-sub", null).claim("preferred_username", null)
                .claim("upn", "adele@contoso.example").claim("oid", "oid-adele").claim("tid", "tenant-a")
                .claim("scp", scp).claim("roles", roles).build());
    }

    @Test
    void mappedNamesFilterTheCatalogAndRuntimeInfoShowsTheDerivedGrants() {
        String token = entraToken("Helpdesk.Read User.Read", List.of("Runtime.Auditor"));
        given().header("Authorization", "Bearer " + token).when().get("/v1/catalog/effective")
                .then().statusCode(200).body("catalog.tools.id", containsInAnyOrder("helpdesk:listTickets", "helpdesk:getTicket"));
        given().header("Authorization", "Bearer " + token).when().get("/v1/runtime/info")
                .then().statusCode(200)
                .body("auth.principal.name", equalTo("adele@contoso.example"))
                .body("auth.principal.grants", equalTo(List.of("audit:read", "tool:helpdesk:getTicket", "tool:helpdesk:listTickets")))
                .body("auth.principal.subjectId", equalTo("oid-adele"))
                .body("auth.principal.tenantId", equalTo("tenant-a"));
        given().header("Authorization", "Bearer " + token).when().get("/v1/audit/events").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(AuthWorld.auditLines())
                .anySatisfy(line -> assertThat(line).contains("\"principal\":\"adele@contoso.example\"")
                        .contains("\"subjectId\":\"oid-adele\"").contains("\"tenantId\":\"tenant-a\"")));
    }

    @Test
    void unmappedNamesGrantNothing() {
        String token = entraToken("User.Read", List.of("Some.Other.Role"));
        given().header("Authorization", "Bearer " + token).when().get("/v1/catalog/effective")
                .then().statusCode(200).body("catalog.tools.size()", equalTo(0));
        given().header("Authorization", "Bearer " + token).when().get("/v1/audit/events").then().statusCode(403);
    }
}
