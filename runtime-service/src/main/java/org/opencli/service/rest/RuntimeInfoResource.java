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
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.core.engine.RuntimeInfo;
import org.opencli.service.auth.DaemonAuth;
import org.opencli.service.launch.ListeningAddress;
import org.opencli.service.lifecycle.LocalLifecycle;
import org.opencli.service.security.CurrentCaller;

/**
 * {@code GET /v1/runtime/info}: what this runtime is and how to reach and authenticate to it.
 * Answers without a token; a valid token adds {@code auth.principal}. {@code lifecycle} says how the
 * daemon lives (managed, leases, runtime.local settings; see {@link LocalLifecycle#describe()}).
 */
@Path("/v1/runtime/info")
public class RuntimeInfoResource {

    @Inject
    RuntimeEngine engine;

    @Inject
    ListeningAddress address;

    @Inject
    DaemonAuth auth;

    @Inject
    LocalLifecycle lifecycle;

    @Inject
    CurrentCaller caller;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking // in memory
    @Operation(summary = "What this runtime is and how it lives")
    @APIResponses({@APIResponse(responseCode = "200", description = "contract version, capabilities, auth and lifecycle", content = @Content(mediaType = MediaType.APPLICATION_JSON))})
    public Uni<Response> info() {
        RuntimeInfo info = engine.runtimeInfo(address.url(), AuthDescriptions.info(auth.config(), caller.token()));
        return Uni.createFrom().item(JsonBodies.ok(new RuntimeInfo(info.contractVersion(), info.capabilities(), info.instanceId(), info.url(),
                info.runtimeMode(), info.auditPath(), info.stateDir(), info.cacheDir(), info.configPath(), info.auth(),
                lifecycle.describe())));
    }
}
