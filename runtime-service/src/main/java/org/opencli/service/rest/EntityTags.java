package org.opencli.service.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.opencli.core.engine.CatalogAnswer;

/**
 * Conditional GETs (RFC 9110 §13.1.2): an answer carries its strong {@code ETag}; a request whose
 * {@code If-None-Match} lists that tag (weak comparison, as the RFC asks for GET) or {@code *} gets
 * {@code 304 Not Modified} with no body. {@code Cache-Control: private, no-cache}: the answer depends
 * on the caller, and a kept copy must be revalidated before each use.
 */
final class EntityTags {
    private static final String CACHE_CONTROL = "private, no-cache";
    /** The header itself is bounded by the request limits; this bounds the work of comparing. */
    private static final int MAX_TAGS = 64;

    private EntityTags() {
    }

    static Response answer(CatalogAnswer answer, String ifNoneMatch) {
        if (matches(ifNoneMatch, answer.etag())) {
            return Response.notModified().header("ETag", answer.etag()).header("Cache-Control", CACHE_CONTROL).build();
        }
        return Response.ok(answer.json(), MediaType.APPLICATION_JSON_TYPE)
                .header("ETag", answer.etag()).header("Cache-Control", CACHE_CONTROL).build();
    }

    /** True when {@code ifNoneMatch} is {@code *} or lists {@code etag}, a {@code W/} prefix ignored. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) return false;
        String[] tags = ifNoneMatch.split(",", MAX_TAGS + 1);
        for (int i = 0; i < Math.min(tags.length, MAX_TAGS); i++) {
            String tag = tags[i].strip();
            if (tag.equals("*")) return true;
            if (tag.startsWith("W/")) tag = tag.substring(2);
            if (tag.equals(etag)) return true;
        }
        return false;
    }
}
