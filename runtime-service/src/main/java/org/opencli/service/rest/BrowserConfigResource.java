package org.opencli.service.rest;

import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.opencli.core.auth.AuthDescriptions;
import org.opencli.service.auth.DaemonAuth;

/**
 * {@code GET /v1/auth/browser-config}: the IdP endpoints and public client a CLI signs in with,
 * from {@code runtime.server.auth}. Answers without a token (public metadata, no catalog data).
 */
@Path("/v1/auth/browser-config")
public class BrowserConfigResource {

    @Inject
    DaemonAuth auth;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking // in memory
    @Operation(summary = "What a browser login needs")
    @APIResponses({@APIResponse(responseCode = "200", description = "authorization and token endpoints, client id, audience", content = @Content(mediaType = MediaType.APPLICATION_JSON))})
    public Uni<Response> browserConfig() {
        return Uni.createFrom().item(JsonBodies.ok(AuthDescriptions.browserConfig(auth.config())));
    }
}
