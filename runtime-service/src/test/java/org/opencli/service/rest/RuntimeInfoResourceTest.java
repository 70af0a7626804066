package org.opencli.service.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.opencli.service.AsOwner;
import org.opencli.service.ServiceTestProfile;

@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class RuntimeInfoResourceTest extends AsOwner {

    @Test
    void describesThisRuntime() {
        given().when().get("/v1/runtime/info")
                .then().statusCode(200)
                .body("contractVersion", equalTo("1.1"))
                .body("instanceId", equalTo("rest-tests"))
                .body("runtimeMode", equalTo("local"))
                .body("capabilities", hasItem("catalog"))
                .body("capabilities", hasItems("audit-log", "audit", "audit-stream"))
                .body("url", startsWith("http://"))
                .body("configPath", equalTo(ServiceTestProfile.CONFIG.toString()))
                .body("auth.required", equalTo(false));
    }
}
