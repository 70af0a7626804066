package org.opencli.service.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.opencli.service.AsOwner;
import org.opencli.service.ServiceTestProfile;

@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class CatalogResourceTest extends AsOwner {

    @Test
    void servesTheDefaultConfigsCatalogWithTheDiscoverView() {
        given().when().get("/v1/catalog/effective")
                .then().statusCode(200)
                .contentType(startsWith("application/json"))
                .body("catalog.tools.id", containsInAnyOrder("helpdesk:listTickets", "helpdesk:createTicket",
                        "helpdesk:getTicket", "helpdesk:deleteTicket", "helpdesk:listComments"))
                .body("view.name", equalTo("discover"))
                .body("catalog.services.id", hasItem("helpdesk"));
    }

    @Test
    void agentProfileSelectsItsCuratedView() {
        given().queryParam("agentProfile", "reader").when().get("/v1/catalog/effective")
                .then().statusCode(200)
                .body("view.name", equalTo("reader"))
                .body("view.mode", equalTo("curated"))
                .body("view.tools.id", containsInAnyOrder("helpdesk:getTicket"));
    }

    @Test
    void unknownProfileIsAProblemWithAStableCode() {
        given().queryParam("agentProfile", "nobody").when().get("/v1/catalog/effective")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("unknown_profile"))
                .body("status", equalTo(400));
    }

    @Test
    void missingConfigFileIsAProblem() {
        given().queryParam("config", "/no/such/dir/.cli.json").when().get("/v1/catalog/effective")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("config_not_found"));
    }

    @Test
    void invalidConfigNamesFileAndJsonPath() {
        String invalid = Path.of("src/test/resources/svc/invalid.cli.json").toAbsolutePath().toString();
        given().queryParam("config", invalid).when().get("/v1/catalog/effective")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("invalid_config"))
                .body("errors.file", hasItem(invalid))
                .body("errors.path", hasItem("$.mode.default"));
    }

    @Test
    void unknownEndpointIsAProblemToo() {
        given().when().get("/v1/nothing-here")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("not_found"));
    }

    @Test
    void theAnswerCarriesAStrongEtagOfItsExactBytes() throws Exception {
        Response answer = given().when().get("/v1/catalog/effective");
        answer.then().statusCode(200).header("Cache-Control", equalTo("private, no-cache"));
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(answer.asByteArray());
        assertThat(answer.header("ETag")).isEqualTo('"' + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + '"');
    }

    @Test
    void ifNoneMatchWithTheCurrentTagIs304WithoutABody() {
        String etag = given().when().get("/v1/catalog/effective").then().statusCode(200).extract().header("ETag");
        for (String condition : new String[] {etag, "W/" + etag, "\"other\", " + etag, "*"}) {
            Response notModified = given().header("If-None-Match", condition).when().get("/v1/catalog/effective");
            notModified.then().statusCode(304).header("ETag", equalTo(etag));
            assertThat(notModified.asByteArray()).as("304 for If-None-Match: %s", condition).isEmpty();
        }
        given().header("If-None-Match", "\"stale\"").when().get("/v1/catalog/effective")
                .then().statusCode(200).header("ETag", equalTo(etag)).body("view.name", equalTo("discover"));
    }

    @Test
    void anotherViewHasAnotherTagAndIsNotAnsweredByTheFirstOnesTag() {
        String discover = given().when().get("/v1/catalog/effective").then().statusCode(200).extract().header("ETag");
        String reader = given().queryParam("agentProfile", "reader").when().get("/v1/catalog/effective")
                .then().statusCode(200).extract().header("ETag");
        assertThat(reader).isNotEqualTo(discover);
        given().queryParam("agentProfile", "reader").header("If-None-Match", discover).when().get("/v1/catalog/effective")
                .then().statusCode(200).header("ETag", equalTo(reader)).body("view.name", equalTo("reader"));
        given().queryParam("agentProfile", "reader").header("If-None-Match", reader).when().get("/v1/catalog/effective")
                .then().statusCode(304);
    }
}
