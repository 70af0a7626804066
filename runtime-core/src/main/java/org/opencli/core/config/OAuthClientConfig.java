package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An OAuth client-credentials block (MCP streamable-http {@code oauth}). Secret refs are nested. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record OAuthClientConfig(
        String mode,
        String tokenURL,
        SecretConfig clientId,
        SecretConfig clientSecret,
        List<String> scopes,
        String audience) {
}
