package org.opencli.core.auth.client;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One cached sign-in to a runtime: the tokens plus what refreshing and revoking them needs later
 * (token and revocation endpoints, client id). Never the client secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CachedLogin(String runtime, String mode, String tokenURL, String revocationURL, String clientId,
        TokenSet tokens) {

    public CachedLogin withTokens(TokenSet fresh) {
        return new CachedLogin(runtime, mode, tokenURL, revocationURL, clientId, fresh);
    }
}
