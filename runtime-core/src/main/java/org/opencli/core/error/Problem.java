package org.opencli.core.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * RFC 9457 problem details with our stable {@code code} and located {@code errors}. Auth failures
 * add {@code reason} (why a token was refused) and {@code requiredScope} (what grant would allow
 * the call); both are left out of the JSON when absent, so other problems keep their shape.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "title", "status", "detail", "code", "reason", "requiredScope", "errors"})
public record Problem(String type, String title, int status, String detail, String code, List<ProblemItem> errors,
        String reason, String requiredScope) {

    public Problem(String type, String title, int status, String detail, String code, List<ProblemItem> errors) {
        this(type, title, status, detail, code, errors, null, null);
    }

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "urn:open-cli:problem:";

    public static Problem of(OcliException e) {
        return new Problem(TYPE_BASE + e.code(), e.title(), e.kind().httpStatus(), e.detail(), e.code(), e.items(),
                e.reason(), e.requiredScope());
    }

    public static Problem of(String code, String title, int status, String detail) {
        return new Problem(TYPE_BASE + code, title, status, detail, code, List.of());
    }

    public static Problem internal(String detail) {
        return of("internal_error", "Internal error", 500, detail);
    }
}
