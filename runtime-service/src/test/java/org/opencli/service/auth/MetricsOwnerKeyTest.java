package org.opencli.service.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.opencli.service.ServiceTestProfile;

/** A local daemon's metrics are its owner's like the rest of its API: the owner key, or a 401. */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class MetricsOwnerKeyTest {
    @Inject
    DaemonAccess access;

    @Test
    void metricsNeedTheOwnersKey() {
        given().when().get("/q/metrics").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + access.clientKey()).accept("text/plain").when().get("/q/metrics")
                .then().statusCode(200).body(containsString("ocli_audit_records_written_total"));
    }
}
