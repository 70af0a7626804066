package org.opencli.service.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * The catalog's entity tag under scope filtering: callers whose scopes give different answers get
 * different tags, and one caller's tag never earns another a 304 for content that differs.
 */
@QuarkusTest
@TestProfile(AuthProfile.class)
class ScopedCatalogEntityTagTest {
    private static final String CATALOG = "/v1/catalog/effective";

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    @Test
    void differentScopesGetDifferentTagsAndNoSharedNotModified() {
        String wide = AuthWorld.token("dave", "openid tool:helpdesk:listTickets tool:helpdesk:getTicket");
        String narrow = AuthWorld.token("dave", "profile:reader");
        String wideTag = as(wide).when().get(CATALOG).then().statusCode(200)
                .body("catalog.tools.id", containsInAnyOrder("helpdesk:listTickets", "helpdesk:getTicket"))
                .extract().header("ETag");
        String narrowTag = as(narrow).when().get(CATALOG).then().statusCode(200)
                .body("catalog.tools.id", containsInAnyOrder("helpdesk:getTicket")).extract().header("ETag");
        assertThat(wideTag).isNotNull().isNotEqualTo(narrowTag);

        // the narrow caller presenting the wide caller's tag gets its own, different content
        as(narrow).header("If-None-Match", wideTag).when().get(CATALOG).then().statusCode(200)
                .header("ETag", equalTo(narrowTag)).body("catalog.tools.id", containsInAnyOrder("helpdesk:getTicket"));
        as(narrow).header("If-None-Match", narrowTag).when().get(CATALOG).then().statusCode(304);
        // a caller with no tool scopes sees nothing, under yet another tag
        String noneTag = as(AuthWorld.token("erin", "openid email")).when().get(CATALOG).then().statusCode(200)
                .body("catalog.tools.size()", equalTo(0)).extract().header("ETag");
        assertThat(noneTag).isNotIn(wideTag, narrowTag);
    }

    @Test
    void aFreshTokenWithTheSameScopesRevalidatesTheSameContent() {
        String scopes = "openid tool:helpdesk:listTickets";
        String tag = as(AuthWorld.token("frank", scopes)).when().get(CATALOG).then().statusCode(200).extract().header("ETag");
        as(AuthWorld.token("frank", scopes)).header("If-None-Match", tag).when().get(CATALOG)
                .then().statusCode(304).header("ETag", equalTo(tag));
    }
}
