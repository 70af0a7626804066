package org.opencli.core.execution;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An upstream's answer; header names are compared case-insensitively. */
public record UpstreamResponse(int statusCode, Map<String, List<String>> headers, byte[] body) {

    public Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
    }
}
