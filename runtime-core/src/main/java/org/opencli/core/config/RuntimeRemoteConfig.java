package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code runtime.remote}: where the remote runtime lives, which of the runtime's configs to ask for
 * ({@code requestConfigPath}, a path on the runtime's machine; absent: the runtime's own config) and
 * how the CLI gets a token for it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuntimeRemoteConfig(String url, String requestConfigPath, RemoteOAuthConfig oauth) {
}
