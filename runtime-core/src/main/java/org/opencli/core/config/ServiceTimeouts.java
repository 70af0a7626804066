package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code services.<id>.timeouts}: how long to wait for a TCP (and TLS) connection to the upstream
 * and for its complete response, in milliseconds. Either may be absent (engine default).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceTimeouts(Integer connectMs, Integer responseMs) {
}
