package org.opencli.core.execution;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencli.core.json.Json;

/**
 * Shapes an upstream answer: JSON types ({@code application/json}, {@code +json}) → {@code body}
 * (invalid JSON falls back to {@code text}); {@code text/*}, XML and YAML → {@code text}; anything
 * else → {@code bodyBase64} with its {@code contentType}. Asked for, the raw answer too: headers
 * and the body's bytes.
 */
public final class ResultShaper {
    private ResultShaper() {
    }

    /**
     * {@link #shape(UpstreamResponse, int)}, plus, when {@code raw}, the response headers and the
     * body's bytes (not repeated when they already are {@code bodyBase64}).
     */
    public static ExecuteResult shape(UpstreamResponse response, int retryCount, boolean raw) {
        ExecuteResult shaped = shape(response, retryCount);
        if (!raw) return shaped;
        byte[] bytes = response.body() == null ? new byte[0] : response.body();
        return new ExecuteResult(shaped.statusCode(), shaped.body(), shaped.text(), shaped.bodyBase64(),
                shaped.contentType(), shaped.retryCount(), null, lowerCaseNames(response.headers()),
                shaped.bodyBase64() != null ? null : Base64.getEncoder().encodeToString(bytes));
    }

    /** Header names in lower case (as HTTP/2 sends them), so both topologies' clients answer alike. */
    private static Map<String, List<String>> lowerCaseNames(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> out.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .addAll(values));
        return out;
    }

    public static ExecuteResult shape(UpstreamResponse response, int retryCount) {
        String contentType = response.header("Content-Type").orElse(null);
        byte[] bytes = response.body() == null ? new byte[0] : response.body();
        String media = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
        if (bytes.length == 0) {
            return new ExecuteResult(response.statusCode(), null, "", null, null, retryCount, null);
        }
        if (RequestBodies.isJson(media)) {
            try {
                JsonNode body = Json.MAPPER.readTree(bytes);
                return new ExecuteResult(response.statusCode(), body, null, null, null, retryCount, null);
            } catch (IOException notJson) {
                return text(response, bytes, contentType, retryCount);
            }
        }
        if (media.startsWith("text/") || media.endsWith("xml") || media.endsWith("yaml") || media.isEmpty() && isUtf8(bytes)) {
            return text(response, bytes, contentType, retryCount);
        }
        return new ExecuteResult(response.statusCode(), null, null, Base64.getEncoder().encodeToString(bytes),
                contentType, retryCount, null);
    }

    private static ExecuteResult text(UpstreamResponse r, byte[] bytes, String contentType, int retryCount) {
        return new ExecuteResult(r.statusCode(), null, new String(bytes, charset(contentType)), null, null, retryCount, null);
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String p = part.trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", ""));
                    } catch (RuntimeException ignored) {
                        // unknown charset: UTF-8 is the sane default
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
