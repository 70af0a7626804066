package org.opencli.service.rest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.opencli.core.engine.CatalogQuery;
import org.opencli.core.error.Problem;
import org.opencli.core.execution.Cancellation;
import org.opencli.core.mcpserver.StatelessMcpHandler;
import org.opencli.service.http.RequestContexts;
import org.opencli.service.mcp.EngineGovernedRuntime;
import org.opencli.service.security.CurrentCaller;

/**
 * {@code /mcp}: the runtime as an MCP server over streamable HTTP, stateless. POST carries one
 * JSON-RPC message; {@code tools/list} is the caller's effective view (optionally {@code ?agentProfile=}
 * and {@code ?mode=}, as {@code GET /v1/catalog/effective}), {@code tools/call} one execute request.
 * The server starts no streams and keeps no sessions, so GET and DELETE answer 405.
 */
@Path("/mcp")
public class McpResource {

    @Inject
    StatelessMcpHandler handler;

    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking // tools/list builds the caller's catalog; tools/call reads the config before its upstream call
    @Operation(summary = "One JSON-RPC message to the runtime as an MCP server")
    @APIResponses({@APIResponse(responseCode = "200", description = "the JSON-RPC answer to a request", content = @Content(mediaType = MediaType.APPLICATION_JSON)), @APIResponse(responseCode = "202", description = "a notification, accepted"),
            @APIResponse(responseCode = "400", ref = "BadRequest")})
    public CompletionStage<Response> post(byte[] body, @QueryParam("mode") String mode,
                                          @QueryParam("agentProfile") String agentProfile) {
        var context = EngineGovernedRuntime.context(caller.get(), new CatalogQuery(null, mode, agentProfile),
                RequestContexts.executor());
        // a client that disconnects first has this answer cancelled, which cancels a tools/call under way
        return Cancellation.thenApply(handler.post(context, body), answer -> answer.json() == null
                ? Response.status(answer.status()).build()
                : Response.status(answer.status()).type(MediaType.APPLICATION_JSON).entity(answer.json()).build());
    }

    @GET
    @NonBlocking // no work: this server opens no server-to-client stream
    @Operation(summary = "No server-to-client stream")
    @APIResponses({@APIResponse(responseCode = "405", ref = "MethodNotAllowed")})
    public Uni<Response> stream() {
        return Uni.createFrom().item(notAllowed("GET"));
    }

    @DELETE
    @NonBlocking // no work: this server keeps no sessions to end
    @Operation(summary = "No sessions to end")
    @APIResponses({@APIResponse(responseCode = "405", ref = "MethodNotAllowed")})
    public Uni<Response> endSession() {
        return Uni.createFrom().item(notAllowed("DELETE"));
    }

    private static Response notAllowed(String method) {
        return Response.fromResponse(ProblemMappers.problem(Problem.of("method_not_allowed", "Method Not Allowed", 405,
                method + " /mcp is not served: this MCP server is stateless and opens no streams; POST JSON-RPC messages")))
                .header("Allow", "POST").build();
    }
}
