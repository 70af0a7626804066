package org.opencli.core.execution;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.opencli.core.catalog.RequestBody;
import org.opencli.core.catalog.Tool;
import org.opencli.core.json.Json;

/**
 * Encodes the caller's body in a media type the tool declares. A JSON string body is base64 bytes
 * (what the reference client sends); any other JSON value is the body itself.
 */
final class RequestBodies {
    private RequestBodies() {
    }

    static void encode(Tool tool, ExecuteRequest request, RequestDraft draft) {
        JsonNode body = request.body();
        RequestBody declared = tool.requestBody();
        boolean given = body != null && !body.isNull() && !body.isMissingNode();
        if (!given) {
            if (declared != null && declared.required()) throw InvalidArguments.of(tool.id() + " requires a request body");
            return;
        }
        if (declared == null) throw InvalidArguments.of(tool.id() + " takes no request body");
        String mediaType = mediaType(declared, request.bodyContentType());
        byte[] bytes = body.isTextual() ? base64(body.asText()) : null;
        if (isJson(mediaType)) {
            draft.body(bytes != null ? bytes : Json.writeBytes(body), mediaType);
        } else if (mediaType.equals("application/x-www-form-urlencoded")) {
            JsonNode object = bytes != null ? tryJson(bytes) : body;
            draft.body(object != null && object.isObject() ? form(object) : bytes != null ? bytes : Json.writeBytes(body), mediaType);
        } else {
            draft.body(bytes != null ? bytes : body.toString().getBytes(StandardCharsets.UTF_8), mediaType);
        }
    }

    private static String mediaType(RequestBody declared, String requested) {
        List<String> types = new ArrayList<>();
        if (declared.contentTypes() != null) declared.contentTypes().forEach(c -> types.add(c.mediaType()));
        if (requested != null && !requested.isBlank()) {
            if (!types.isEmpty() && !types.contains(requested)) {
                throw InvalidArguments.of("body content type " + requested + " is not one the tool accepts: " + types);
            }
            return requested;
        }
        return types.stream().filter(RequestBodies::isJson).findFirst()
                .orElse(types.isEmpty() ? "application/json" : types.get(0));
    }

    static boolean isJson(String mediaType) {
        String m = mediaType.toLowerCase(Locale.ROOT);
        int semi = m.indexOf(';');
        if (semi >= 0) m = m.substring(0, semi).trim();
        return m.equals("application/json") || m.endsWith("+json");
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw InvalidArguments.of("the body string is not base64; send JSON values as JSON, bytes as base64");
        }
    }

    private static JsonNode tryJson(byte[] bytes) {
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static byte[] form(JsonNode object) {
        List<String> pairs = new ArrayList<>();
        object.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isArray()) {
                for (JsonNode item : v) pairs.add(formPair(e.getKey(), ParameterStyles.scalar(item)));
            } else if (!v.isNull()) {
                pairs.add(formPair(e.getKey(), ParameterStyles.scalar(v)));
            }
        });
        return String.join("&", pairs).getBytes(StandardCharsets.US_ASCII);
    }

    private static String formPair(String k, String v) {
        return PercentEncoding.encode(k) + "=" + PercentEncoding.encode(v);
    }
}
