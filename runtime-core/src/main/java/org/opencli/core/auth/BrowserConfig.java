package org.opencli.core.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.opencli.core.engine.RuntimeInfo;

/**
 * {@code GET /v1/auth/browser-config}: what a client needs to sign in to this runtime's IdP
 * (endpoints, public client id, audience) and how grants are read. Public metadata only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"authorizationURL", "tokenURL", "clientId", "audience", "required", "scopePrefixes",
        "tokenValidationProfiles", "authorizationEnvelope", "issuer", "deviceAuthorizationURL", "revocationURL"})
public record BrowserConfig(
        String authorizationURL,
        String tokenURL,
        String clientId,
        String audience,
        boolean required,
        List<String> scopePrefixes,
        List<String> tokenValidationProfiles,
        RuntimeInfo.AuthorizationEnvelope authorizationEnvelope,
        String issuer,
        String deviceAuthorizationURL,
        String revocationURL) {
}
