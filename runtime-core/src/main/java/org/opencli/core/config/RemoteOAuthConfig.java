package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code runtime.remote.oauth}. Modes: providedToken (tokenRef), oauthClient (client),
 * browserLogin (browserLogin.callbackPort), deviceCode (ours).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RemoteOAuthConfig(
        String mode,
        String tokenRef,
        RemoteOAuthClient client,
        BrowserLoginConfig browserLogin,
        String audience,
        List<String> scopes) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RemoteOAuthClient(String tokenURL, SecretConfig clientId, SecretConfig clientSecret) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BrowserLoginConfig(Integer callbackPort) {
    }
}
