package org.opencli.fleet.upstream;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Retry fodder. /api/flaky/429 and /api/flaky/503: the first {@code failures} calls (default 1) for
 * a {@code key} fail with that status and {@code Retry-After} ({@code retryAfter}, default 0), then
 * 200 {"attempts": n}. Counting per key lets tests run side by side. /api/always/503 never recovers.
 */
final class FlakyHandler extends Routed {
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    @Override
    void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!exchange.getRequestMethod().equals("GET")) {
            Exchanges.methodNotAllowed(exchange, "GET");
            return;
        }
        Map<String, List<String>> query = Exchanges.query(exchange);
        String retryAfter = retryAfter(query);
        switch (path) {
            case "/api/flaky/429" -> flaky(exchange, 429, "Too Many Requests", query, retryAfter);
            case "/api/flaky/503" -> flaky(exchange, 503, "Service Unavailable", query, retryAfter);
            case "/api/always/503" -> {
                exchange.getResponseHeaders().set("Retry-After", retryAfter);
                Exchanges.problem(exchange, 503, "Service Unavailable", "this endpoint never recovers");
            }
            default -> Exchanges.notFound(exchange);
        }
    }

    private void flaky(HttpExchange exchange, int status, String title, Map<String, List<String>> query, String retryAfter)
            throws IOException {
        String key = Exchanges.first(query, "key");
        if (key == null) key = "default";
        int failures = Exchanges.intParam(query, "failures", 1);
        int attempt = attempts.computeIfAbsent(status + ":" + key, k -> new AtomicInteger()).incrementAndGet();
        if (attempt <= failures) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
            Exchanges.problem(exchange, status, title, "attempt " + attempt + " of key " + key + " fails (" + failures + " planned)");
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", key);
        body.put("attempts", attempt);
        Exchanges.json(exchange, 200, body);
    }

    private static String retryAfter(Map<String, List<String>> query) {
        String value = Exchanges.first(query, "retryAfter");
        if (value == null) return "0";
        // delta-seconds or an HTTP-date; passed through so clients can be tested on both forms
        return value;
    }

    void reset() {
        attempts.clear();
    }
}
