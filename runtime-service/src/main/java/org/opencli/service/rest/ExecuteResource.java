package org.opencli.service.rest;

import io.smallrye.common.annotation.NonBlocking;
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
import org.opencli.core.auth.Caller;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.execution.Cancellation;
import org.opencli.core.execution.ExecuteRequest;
import org.opencli.service.http.RequestContexts;
import org.opencli.service.security.CurrentCaller;

/** {@code POST /v1/tools/execute}: one governed upstream call. */
@Path("/v1/tools/execute")
public class ExecuteResource {

    @Inject
    RuntimeEngine engine;

    @Inject
    CurrentCaller currentCaller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking // the measured hot path: prepares in memory, calls upstream without blocking
    @Operation(summary = "One governed upstream call")
    @APIResponses({@APIResponse(responseCode = "200", description = "the upstream's answer (its own status inside), or a dry run's request", content = @Content(mediaType = MediaType.APPLICATION_JSON)), @APIResponse(responseCode = "400",
            ref = "BadRequest"), @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"), @APIResponse(responseCode = "502", ref = "BadGateway"), @APIResponse(responseCode = "503",
                    ref = "Unavailable")})
    public CompletionStage<Response> execute(byte[] body) {
        Caller caller = currentCaller.get();
        ExecuteRequest request = RequestJson.read(body, ExecuteRequest.class);
        if (request.toolId() == null || request.toolId().isBlank()) {
            throw new OcliException(ErrorKind.BAD_REQUEST, "invalid_request", "Invalid request",
                    "the body must be a JSON object with a non-empty toolId");
        }
        // engine.execute never blocks its caller: it prepares in place only when everything is in
        // memory, else on its workers, and the upstream call is non-blocking. The answer comes back
        // on this request's event loop, straight from the audit store once the record is durable.
        // A client that disconnects first has this answer cancelled (Quarkus REST), which cancels the execution.
        return Cancellation.thenApply(engine.execute(request, caller, RequestContexts.executor()), JsonBodies::ok);
    }
}
