package org.opencli.service.rest;

import io.smallrye.mutiny.Uni;
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
        // engine.execute never blocks its caller: config, catalog, policy and secrets run on the
        // engine's own workers and the upstream call is non-blocking, so it is started right here on
        // the event loop (one thread hop fewer per execution).
        return Uni.createFrom().completionStage(() -> engine.execute(request, caller))
                .map(JsonBodies::ok);
    }
}
