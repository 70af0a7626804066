package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code secrets.<name>} (also used nested for OAuth client id/secret). Types: env, file,
 * osKeychain, exec, oauth2. Values here are references (an env var name, a file path), never the
 * secret itself; resolution happens only at execution time.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SecretConfig(
        String type,
        String value,
        List<String> command,
        String mode,
        String issuer,
        String authorizationURL,
        String tokenURL,
        SecretConfig clientId,
        SecretConfig clientSecret,
        List<String> scopes,
        String audience,
        Boolean interactive,
        Integer callbackPort,
        String redirectURI,
        String tokenStorage) {
}
