package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code runtime.server}: settings of the daemon itself. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuntimeServerConfig(ServerAuthConfig auth) {
}
