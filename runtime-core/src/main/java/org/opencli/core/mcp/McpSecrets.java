package org.opencli.core.mcp;

import java.util.List;
import java.util.Map;
import org.opencli.core.config.OAuthClientConfig;
import org.opencli.core.config.SecretConfig;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.secrets.OAuthTokens;
import org.opencli.core.secrets.SecretEnvironment;
import org.opencli.core.secrets.SecretResolver;
import org.opencli.core.secrets.SecretUnresolvedException;

/**
 * The secrets one config gives its mcp sources: {@code headerSecrets} values and the source-local
 * {@code oauth} client-credentials token, through the engine's own resolver (so a token is cached per
 * instance and refreshed before expiry as for upstream {@code oauth2} secrets). Values are never shown.
 */
public record McpSecrets(SecretResolver resolver, Map<String, SecretConfig> secrets, SecretEnvironment env) {

    String value(String sourceId, String header, String secretName) {
        SecretConfig secret = secrets == null ? null : secrets.get(secretName);
        if (secret == null) {
            throw new OcliException(ErrorKind.CONFIG, "credentials_unresolved", "Credentials unresolved",
                    "sources." + sourceId + ".transport.headerSecrets." + header + " names the secret '" + secretName
                            + "', which is not in secrets");
        }
        try {
            return resolver.resolve(secretName, secret, env);
        } catch (SecretUnresolvedException e) {
            throw new OcliException(ErrorKind.UNAUTHORIZED, "credentials_unresolved", "Credentials unresolved",
                    "sources." + sourceId + ".transport.headerSecrets." + header + ": secret '" + secretName + "': " + e.getMessage());
        }
    }

    /** The access token of the source's {@code oauth} block; a failed fetch or refresh fails closed. */
    String token(String sourceId, OAuthClientConfig oauth) {
        SecretConfig asSecret = new SecretConfig("oauth2", null, null, "clientCredentials", null, null, oauth.tokenURL(),
                oauth.clientId(), oauth.clientSecret(), oauth.scopes(), oauth.audience(), null, null, null, "memory");
        try {
            return resolver.token("sources." + sourceId + ".oauth", asSecret, new OAuthTokens.Endpoint(oauth.tokenURL(), null),
                    oauth.scopes() == null ? List.of() : oauth.scopes(), env);
        } catch (RuntimeException e) {
            throw new OcliException(ErrorKind.UNAUTHORIZED, "reauthorization_required", "Reauthorization required",
                    "sources." + sourceId + ".oauth: no access token (" + McpText.bounded(e.getMessage(), 300)
                            + "); reauthorization required");
        }
    }
}
