package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code runtime.remote}: where the remote runtime lives and how the CLI gets a token for it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuntimeRemoteConfig(String url, RemoteOAuthConfig oauth) {
}
