package org.opencli.service.rest;

import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.opencli.core.engine.RefreshQuery;
import org.opencli.core.engine.RefreshReport;
import org.opencli.core.engine.RefreshRun;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.service.security.CurrentCaller;

/**
 * {@code GET|POST /v1/refresh?config=&source=}: both force revalidation of every remote document of
 * the config's enabled sources (or of {@code source} alone), rebuild the catalog and answer each
 * source's cache outcome ({@link RefreshReport}), as one JSON answer or, with {@code Accept:
 * application/x-ndjson}, a line per source as it is read ({@link RefreshStream}). POST may carry the same two members as a JSON body
 * instead of the query; an empty body is allowed. Scope {@code runtime:refresh} when auth is on
 * (enforced by path, {@code OperationalScopePolicy}).
 */
@Path("/v1/refresh")
public class RefreshResource {
    /** {@code POST} body: both members optional; unknown members are refused. */
    public record RefreshRequest(String config, String source) {
    }

    @Inject
    RuntimeEngine engine;

    @Inject
    CurrentCaller caller;

    @GET
    @Produces({MediaType.APPLICATION_JSON, RefreshStream.NDJSON})
    @Blocking // revalidation fetches every remote document and rebuilds the catalog
    @Operation(summary = "Revalidate the sources' documents and rebuild the catalog")
    @APIResponses({@APIResponse(responseCode = "200", description = "{refreshedAt, catalogRebuilt, sources[]}, or NDJSON progress lines then the report when Accept names application/x-ndjson", content = {@Content(
            mediaType = MediaType.APPLICATION_JSON), @Content(mediaType = RefreshStream.NDJSON)}),
            @APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"), @APIResponse(responseCode = "503", ref = "Unavailable")})
    public Response refresh(@QueryParam("config") String config, @QueryParam("source") String source,
                            @HeaderParam("Accept") String accept) {
        return answer(new RefreshQuery(config, source), accept);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, RefreshStream.NDJSON})
    @Blocking // as GET
    @Operation(summary = "Revalidate the sources' documents and rebuild the catalog (members in a JSON body)")
    @APIResponses({@APIResponse(responseCode = "200", description = "{refreshedAt, catalogRebuilt, sources[]}, or NDJSON progress lines then the report when Accept names application/x-ndjson", content = {@Content(
            mediaType = MediaType.APPLICATION_JSON), @Content(mediaType = RefreshStream.NDJSON)}),
            @APIResponse(responseCode = "400", ref = "BadRequest"), @APIResponse(responseCode = "403", ref = "Forbidden"), @APIResponse(responseCode = "404", ref = "NotFound"), @APIResponse(responseCode = "503", ref = "Unavailable")})
    public Response refresh(@QueryParam("config") String config, @QueryParam("source") String source,
                            @HeaderParam("Accept") String accept,
                            @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RefreshRequest.class))) byte[] body) {
        RefreshRequest request = body == null || body.length == 0 ? new RefreshRequest(null, null)
                : RequestJson.read(body, RefreshRequest.class);
        return answer(new RefreshQuery(one(config, request.config(), "config"), one(source, request.source(), "source")),
                accept);
    }

    /**
     * Input is checked (and refused as a problem) before anything is fetched; then JSON once the
     * refresh is done, or, when the client accepts NDJSON, a line per source as each is read.
     */
    private Response answer(RefreshQuery query, String accept) {
        RefreshRun run = engine.prepareRefresh(query, caller.get());
        if (accept != null && accept.contains(RefreshStream.NDJSON)) {
            return Response.ok(new RefreshStream(run), RefreshStream.NDJSON).build();
        }
        return JsonBodies.ok(run.run(source -> {
        }));
    }

    /** A member given in the query and the body must agree; either alone is fine. */
    private static String one(String query, String body, String name) {
        if (query != null && body != null && !query.equals(body)) {
            throw RequestJson.invalid(name + " differs between the query and the body", "$." + name,
                    "the same value in both, or one of them");
        }
        return query != null ? query : body;
    }
}
