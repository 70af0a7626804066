package org.opencli.service.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.opencli.service.AsOwner;
import org.opencli.service.ServiceTestProfile;

@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class WorkflowResourceTest extends AsOwner {

    @Test
    void validationOnlyListsEveryStepReady() {
        given().contentType("application/json").body("{\"workflowId\": \"triage\"}")
                .when().post("/v1/workflows/run")
                .then().statusCode(200)
                .contentType(startsWith("application/json"))
                .body("workflowId", equalTo("triage"))
                .body("steps.stepId", contains("list", "read"))
                .body("steps.toolId", contains("helpdesk:listTickets", "helpdesk:getTicket"))
                .body("steps.status", everyItem(equalTo("ready")));
    }

    @Test
    void unknownWorkflowIsANotFoundProblem() {
        given().contentType("application/json").body("{\"workflowId\": \"nope\"}")
                .when().post("/v1/workflows/run")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("unknown_workflow"));
    }

    @Test
    void stepOutsideTheProfilesViewIsRefusedNamingTheStep() {
        given().contentType("application/json").body("{\"workflowId\": \"triage\", \"agentProfile\": \"reader\"}")
                .when().post("/v1/workflows/run")
                .then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("curated_deny"))
                .body("detail", containsString("step list"));
    }

    @Test
    void missingWorkflowIdIsABadRequest() {
        given().contentType("application/json").body("{}")
                .when().post("/v1/workflows/run")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("invalid_request"));
    }
}
