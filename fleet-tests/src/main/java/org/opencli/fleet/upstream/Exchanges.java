package org.opencli.fleet.upstream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading requests and writing responses, shared by every handler of the test upstream. */
final class Exchanges {
    static final ObjectMapper JSON = new ObjectMapper();

    private Exchanges() {
    }

    static byte[] body(HttpExchange exchange) throws IOException {
        return exchange.getRequestBody().readAllBytes();
    }

    /** Query or form parameters, percent-decoded, in order; a name without '=' maps to "". */
    static Map<String, List<String>> params(String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return params;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    static Map<String, List<String>> query(HttpExchange exchange) {
        return params(exchange.getRequestURI().getRawQuery());
    }

    static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static int intParam(Map<String, List<String>> params, String name, int fallback) {
        String value = first(params, name);
        if (value == null || value.isBlank()) return fallback;
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest("query parameter '" + name + "' must be an integer, got '" + value + "'");
        }
    }

    static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    /** The path below the handler's context, e.g. "/42" for "/api/tickets/42" under "/api/tickets". */
    static String subPath(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        String context = exchange.getHttpContext().getPath();
        String rest = path.substring(Math.min(context.length(), path.length()));
        return rest.isEmpty() || rest.equals("/") ? "" : (rest.startsWith("/") ? rest : "/" + rest);
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    /** RFC 9457 problem details, the error shape of every endpoint. */
    static void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        ObjectNode problem = JSON.createObjectNode();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        if (detail != null) problem.put("detail", detail);
        send(exchange, status, "application/problem+json", JSON.writeValueAsBytes(problem));
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean empty = body.length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    static void noContent(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    static void methodNotAllowed(HttpExchange exchange, String allow) throws IOException {
        exchange.getResponseHeaders().set("Allow", allow);
        problem(exchange, 405, "Method Not Allowed", exchange.getRequestMethod() + " is not allowed here; use " + allow);
    }

    static void notFound(HttpExchange exchange) throws IOException {
        problem(exchange, 404, "Not Found", "no resource at " + exchange.getRequestURI().getPath());
    }

    /** Thrown by handlers for a malformed request; {@link Routed} turns it into a 400 problem. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String detail) {
            super(detail);
        }
    }
}
