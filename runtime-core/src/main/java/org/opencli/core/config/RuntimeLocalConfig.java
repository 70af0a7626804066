package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code runtime.local}: managed local daemon lifecycle and sharing. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuntimeLocalConfig(
        String sessionScope,
        Integer heartbeatSeconds,
        Integer missedHeartbeatLimit,
        String shutdown,
        String share,
        String shareKey) {
}
