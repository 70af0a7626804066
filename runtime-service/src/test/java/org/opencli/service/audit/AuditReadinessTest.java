package org.opencli.service.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opencli.service.AsOwner;

/** Readiness is DOWN while the audit store cannot write, executions are refused, and both recover. */
@QuarkusTest
@TestProfile(BrokenAuditProfile.class)
class AuditReadinessTest extends AsOwner {

    @Test
    void downAndRefusingUntilTheStoreCanWriteThenUp() throws Exception {
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'audit' }.data.problem", containsString("blocker"));
        given().contentType("application/json").body("{\"toolId\": \"helpdesk:listTickets\"}")
                .when().post("/v1/tools/execute")
                .then().statusCode(500).body("code", equalTo("audit_unavailable"));

        Files.delete(BrokenAuditProfile.BLOCKER);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (given().when().get("/q/health/ready").statusCode() != 200) {
            if (System.nanoTime() > deadline) throw new AssertionError("readiness did not come back UP");
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000L); // poll with a deadline
        }
        given().when().get("/q/health/ready").then().body("status", equalTo("UP"));
    }
}
