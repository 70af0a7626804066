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
import org.opencli.service.auth.BearerAuthFilter;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.execution.ExecuteRequest;
import org.opencli.core.engine.RuntimeEngine;

/** {@code POST /v1/tools/execute}: one governed upstream call. */
@Path("/v1/tools/execute")
public class ExecuteResource {

    @Inject
    RuntimeEngine engine;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> execute(ExecuteRequest request, @Context RoutingContext rc) {
        Caller caller = BearerAuthFilter.caller(rc);
        if (request == null || request.toolId() == null || request.toolId().isBlank()) {
            throw new OcliException(ErrorKind.BAD_REQUEST, "invalid_request", "Invalid request",
                    "the body must be a JSON object with a non-empty toolId");
        }
        // The engine's first steps read config and may build the catalog: start them off the event
        // loop; the upstream call itself is non-blocking and resumes wherever it completes.
        return Uni.createFrom().completionStage(() -> engine.execute(request, caller))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(JsonBodies::ok);
    }
}
