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

    public boolean hasHeader(String name) {
        return headers.keySet().stream().anyMatch(name::equalsIgnoreCase);
    }

    /** {@code scheme://authority}: how errors name the upstream (never the path or query, which may carry keys). */
    public String target() {
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
