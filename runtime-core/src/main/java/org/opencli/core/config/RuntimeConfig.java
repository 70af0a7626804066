package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code runtime}: which topology the CLI uses, and the daemon's own settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuntimeConfig(String mode, RuntimeLocalConfig local, RuntimeRemoteConfig remote, RuntimeServerConfig server) {
}
