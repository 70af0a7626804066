package org.opencli.service.rest;

import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.opencli.core.error.Problem;
import org.opencli.service.auth.DaemonAuth;
import org.opencli.service.auth.OperationalScopes;
import org.opencli.service.auth.ProtectedResourceMetadata;

/**
 * {@code GET /.well-known/oauth-protected-resource} (RFC 9728): the runtime as an OAuth protected
 * resource, for MCP clients that met {@code /mcp}'s 401; {@code /mcp} after it is the same document
 * for the resource {@code <base>/mcp} (the path-inserted form clients try first). Answers without a
 * token; 404 when runtime auth is off (no authorization server to name). {@code scopes_supported}
 * names the operational scopes only: the metadata is public, and tool grants would name the catalog.
 */
@Path("/.well-known/oauth-protected-resource")
public class ProtectedResourceMetadataResource {
    private static final List<String> SCOPES = List.of(OperationalScopes.AUDIT_READ, OperationalScopes.RUNTIME_ADMIN,
            OperationalScopes.RUNTIME_METRICS, OperationalScopes.RUNTIME_REFRESH);

    @Inject
    DaemonAuth auth;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking // in memory
    @Operation(summary = "RFC 9728 protected resource metadata of the runtime")
    @APIResponses({@APIResponse(responseCode = "200", description = "protected resource metadata", content = @Content(mediaType = MediaType.APPLICATION_JSON)), @APIResponse(responseCode = "404", ref = "NotFound")})
    public Uni<Response> runtime(@Context UriInfo uri) {
        return Uni.createFrom().item(document(base(uri)));
    }

    @GET
    @Path("/mcp")
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking // in memory
    @Operation(summary = "RFC 9728 protected resource metadata of /mcp")
    @APIResponses({@APIResponse(responseCode = "200", description = "protected resource metadata", content = @Content(mediaType = MediaType.APPLICATION_JSON)), @APIResponse(responseCode = "404", ref = "NotFound")})
    public Uni<Response> mcp(@Context UriInfo uri) {
        return Uni.createFrom().item(document(base(uri) + "/mcp"));
    }

    private Response document(String resource) {
        if (!auth.enabled()) {
            return ProblemMappers.problem(Problem.of("not_found", "Not Found", 404,
                    "this runtime has no runtime auth (runtime.server.auth), so no authorization server to name"));
        }
        return JsonBodies.ok(ProtectedResourceMetadata.of(auth.config(), resource, SCOPES));
    }

    private static String base(UriInfo uri) {
        String base = uri.getBaseUri().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
