package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code services.<id>.timeouts}, in milliseconds: how long to wait for a TCP (and TLS) connection to
 * the upstream, for one attempt's complete response (headers and body), and for the whole execution
 * (every attempt and retry delay). Any may be absent (engine default).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceTimeouts(Integer connectMs, Integer responseMs, Integer totalMs) {
}
