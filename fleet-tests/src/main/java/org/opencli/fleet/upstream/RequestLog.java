package org.opencli.fleet.upstream;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every request that reached the API (everything except /_admin), recorded before it is handled, so
 * a test can assert that a refused or denied call never got here. Header values are not kept:
 * the log is for "what arrived", secrets stay out of it; the one exception is the W3C
 * {@code traceparent} (ids, never a secret), so a lane can match the upstream's trace to the runtime's.
 */
final class RequestLog extends Filter {
    private final List<Map<String, Object>> entries = new ArrayList<>();

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("method", exchange.getRequestMethod());
        entry.put("path", exchange.getRequestURI().getPath());
        entry.put("rawPath", exchange.getRequestURI().getRawPath());
        entry.put("query", exchange.getRequestURI().getRawQuery());
        TreeSet<String> names = new TreeSet<>();
        exchange.getRequestHeaders().keySet().forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
        entry.put("headers", List.copyOf(names));
        entry.put("traceparent", exchange.getRequestHeaders().getFirst("traceparent"));
        entry.put("time", Instant.now().toString());
        synchronized (entries) {
            entries.add(entry);
        }
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "records requests for /_admin/requests";
    }

    List<Map<String, Object>> snapshot() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }
}
