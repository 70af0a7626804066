package org.opencli.core.execution;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request to an upstream API, fully rendered (credentials applied). {@code timeout} bounds
 * the whole exchange; {@code connectTimeout} the connection set-up (null: the client's default).
 */
public record UpstreamRequest(String method, URI uri, Map<String, List<String>> headers, byte[] body, Duration timeout,
                              Duration connectTimeout) {

    public UpstreamRequest(String method, URI uri, Map<String, List<String>> headers, byte[] body, Duration timeout) {
        this(method, uri, headers, body, timeout, null);
    }
}
