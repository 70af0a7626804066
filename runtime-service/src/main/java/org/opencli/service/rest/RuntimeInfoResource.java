package org.opencli.service.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.service.launch.ListeningAddress;

/** {@code GET /v1/runtime/info}: what this runtime is and how to reach and authenticate to it. */
@Path("/v1/runtime/info")
public class RuntimeInfoResource {

    @Inject
    RuntimeEngine engine;

    @Inject
    ListeningAddress address;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response info() {
        return JsonBodies.ok(engine.runtimeInfo(address.url()));
    }
}
