package org.opencli.core.execution;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One HTTP request to an upstream API, fully rendered (credentials applied). */
public record UpstreamRequest(String method, URI uri, Map<String, List<String>> headers, byte[] body, Duration timeout) {
}
