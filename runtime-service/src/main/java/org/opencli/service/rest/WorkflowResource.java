package org.opencli.service.rest;

import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.workflow.WorkflowRunRequest;
import org.opencli.service.security.CurrentCaller;

/**
 * {@code POST /v1/workflows/run}: 200 with every step's status — also when a step failed while
 * executing — and problem+json for refusals before any step ran (unknown workflow, policy).
 */
@Path("/v1/workflows/run")
public class WorkflowResource {

    @Inject
    RuntimeEngine engine;

    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking // starting reads configs and builds catalogs; the steps then complete the stage later
    @Operation(summary = "Check or run a workflow")
    @APIResponses({@APIResponse(responseCode = "200", description = "{workflowId, steps[], outputs?}", content = @Content(mediaType = MediaType.APPLICATION_JSON)), @APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(
            responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"), @APIResponse(responseCode = "502", ref = "BadGateway"), @APIResponse(responseCode = "503", ref = "Unavailable")})
    public CompletionStage<Response> run(byte[] body) {
        WorkflowRunRequest request = RequestJson.read(body, WorkflowRunRequest.class);
        if (request.workflowId() == null || request.workflowId().isBlank()) {
            throw new OcliException(ErrorKind.BAD_REQUEST, "invalid_request", "Invalid request",
                    "the body must be a JSON object with a non-empty workflowId");
        }
        return engine.runWorkflow(request, caller.get()).thenApply(JsonBodies::ok);
    }
}
