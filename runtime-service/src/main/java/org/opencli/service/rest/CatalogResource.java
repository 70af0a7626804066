package org.opencli.service.rest;

import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.opencli.core.engine.CatalogQuery;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.service.security.CurrentCaller;

/**
 * {@code GET /v1/catalog/effective}: the catalog and the view selected for the caller, with a strong
 * {@code ETag} (the SHA-256 of the exact bytes, so exact under scope filtering and views) and
 * {@code 304 Not Modified} for an {@code If-None-Match} that names it.
 */
@Path("/v1/catalog/effective")
public class CatalogResource {

    @Inject
    RuntimeEngine engine;

    @Inject
    CurrentCaller caller;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking // config reads and catalog builds touch the disk and network
    @Operation(summary = "The effective catalog and the selected view")
    @APIResponses({@APIResponse(responseCode = "200", description = "{catalog, view}", content = @Content(mediaType = MediaType.APPLICATION_JSON)), @APIResponse(responseCode = "304", description = "If-None-Match names the current entity tag"),
            @APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "502", ref = "BadGateway")})
    public Response effective(@QueryParam("config") String config, @QueryParam("mode") String mode,
                              @QueryParam("agentProfile") String agentProfile, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return EntityTags.answer(engine.effectiveCatalogAnswer(new CatalogQuery(config, mode, agentProfile), caller.get()),
                ifNoneMatch);
    }
}
