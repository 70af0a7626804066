package org.opencli.service.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.opencli.service.auth.AuthProfile;
import org.opencli.service.auth.AuthWorldAccess;

/**
 * One request, one credential: two {@code Authorization} headers are refused as malformed whichever
 * comes first, since a proxy in front may have judged the other one. An open endpoint stays open.
 */
@QuarkusTest
@TestProfile(AuthProfile.class)
class AuthorizationHeaderCountTest {

    @Test
    void twoAuthorizationHeadersAreRefusedEvenWhenTheFirstIsValid() {
        String valid = AuthWorldAccess.token("alice", "bundle:helpdesk");
        given().header("Authorization", "Bearer " + valid).header("Authorization", "Bearer not-a-token")
                .when().get("/v1/catalog/effective").then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", equalTo("Bearer realm=\"oclird\", error=\"invalid_token\""))
                .body("code", equalTo("unauthenticated")).body("reason", equalTo("malformed"));
    }

    @Test
    void oneValidAuthorizationHeaderIsServed() {
        String valid = AuthWorldAccess.token("alice", "bundle:helpdesk");
        given().header("Authorization", "Bearer " + valid).when().get("/v1/catalog/effective").then().statusCode(200);
    }

    @Test
    void anOpenEndpointAnswersWithTwoHeadersAndWithAMatrixParameter() {
        given().header("Authorization", "Bearer a").header("Authorization", "Bearer b")
                .when().get("/v1/runtime/info").then().statusCode(200);
        given().urlEncodingEnabled(false).when().get("/v1/runtime/info;x=1").then().statusCode(200);
    }
}
