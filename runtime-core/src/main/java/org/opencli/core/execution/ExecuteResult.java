package org.opencli.core.execution;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The answer of an execution: the upstream status and its body — {@code body} for JSON,
 * {@code text} for text, {@code bodyBase64} + {@code contentType} for binary — plus (ours)
 * {@code retryCount}. When the request asked for {@code rawResponse} (ours), also the upstream's
 * response {@code headers} and, unless {@code bodyBase64} already holds them, the body's bytes as
 * received in {@code rawBodyBase64}. For a dry run, {@code request} holds the rendered request
 * (secrets redacted) and no status.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecuteResult(
        Integer statusCode,
        JsonNode body,
        String text,
        String bodyBase64,
        String contentType,
        Integer retryCount,
        RenderedRequest request,
        Map<String, List<String>> headers,
        String rawBodyBase64) {

    public ExecuteResult(Integer statusCode, JsonNode body, String text, String bodyBase64, String contentType,
                         Integer retryCount, RenderedRequest request) {
        this(statusCode, body, text, bodyBase64, contentType, retryCount, request, null, null);
    }

    /** A request as it would be sent, with credential values replaced by {@code ***}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RenderedRequest(String method, String url, Map<String, String> headers, String body) {
    }
}
