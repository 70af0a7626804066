package org.opencli.service.rest;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Context;
import org.opencli.core.auth.Caller;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.service.auth.BearerAuthFilter;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.workflow.WorkflowRunRequest;

/**
 * {@code POST /v1/workflows/run}: 200 with every step's status — also when a step failed while
 * executing — and problem+json for refusals before any step ran (unknown workflow, policy).
 */
@Path("/v1/workflows/run")
public class WorkflowResource {

    @Inject
    RuntimeEngine engine;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> run(byte[] body, @Context RoutingContext rc) {
        Caller caller = BearerAuthFilter.caller(rc);
        WorkflowRunRequest request = RequestJson.read(body, WorkflowRunRequest.class);
        if (request.workflowId() == null || request.workflowId().isBlank()) {
            throw new OcliException(ErrorKind.BAD_REQUEST, "invalid_request", "Invalid request",
                    "the body must be a JSON object with a non-empty workflowId");
        }
        // Config reads and catalog builds block: start off the event loop, as ExecuteResource does.
        return Uni.createFrom().completionStage(() -> engine.runWorkflow(request, caller))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(JsonBodies::ok);
    }
}
