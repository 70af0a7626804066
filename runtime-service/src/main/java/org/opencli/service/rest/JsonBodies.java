package org.opencli.service.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.opencli.core.json.Json;

/**
 * Success bodies are serialized with the engine's own mapper, never Quarkus' customized one, so the
 * daemon's bytes equal embedded mode's for the same request.
 */
final class JsonBodies {
    private JsonBodies() {
    }

    static Response ok(Object value) {
        return okBytes(Json.writeBytes(value));
    }

    static Response okBytes(byte[] json) {
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
