package org.opencli.core.execution;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request to an upstream API, fully rendered (credentials applied). {@code timeout} bounds
 * the whole exchange — connection, headers and the complete body (a trickling body included);
 * {@code connectTimeout} the connection set-up (null: the client's default).
 */
public record UpstreamRequest(String method, URI uri, Map<String, List<String>> headers, byte[] body, Duration timeout,
        Duration connectTimeout) {

    public UpstreamRequest(String method, URI uri, Map<String, List<String>> headers, byte[] body, Duration timeout) {
        this(method, uri, headers, body, timeout, null);
    }

    /** The same request with another bound on the whole exchange (what is left of the execution's deadline). */
    public UpstreamRequest withTimeout(Duration t) {
        return new UpstreamRequest(method, uri, headers, body, t, connectTimeout);
    }

    /**
     * The same request carrying a trace's propagation headers (W3C {@code traceparent}). They replace
     * a header of the same name the tool's description or config set: the runtime's trace is the one
     * the upstream continues. Empty: this request itself, nothing copied.
     */
    public UpstreamRequest withPropagation(Map<String, String> propagation) {
        if (propagation.isEmpty()) return this;
        Map<String, List<String>> merged = new java.util.LinkedHashMap<>(headers);
        merged.keySet().removeIf(name -> propagation.keySet().stream().anyMatch(name::equalsIgnoreCase));
        propagation.forEach((name, value) -> merged.put(name, List.of(value)));
        return new UpstreamRequest(method, uri, merged, body, timeout, connectTimeout);
    }

    public boolean hasHeader(String name) {
        return headers.keySet().stream().anyMatch(name::equalsIgnoreCase);
    }

    /** {@code scheme://authority}: how errors name the upstream (never the path or query, which may carry keys). */
    public String target() {
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
