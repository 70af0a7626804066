package org.opencli.core.auth.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A usable access token for a runtime from the cache, refreshed silently before it expires: with
 * the refresh token when there is one, else (client credentials only) by asking again. Interactive
 * modes never prompt here; an empty answer means "sign in again".
 */
public final class RuntimeTokens {
    /** Refresh this long before expiry so a token does not lapse between check and use. */
    public static final Duration REFRESH_MARGIN = Duration.ofSeconds(30);

    private final TokenCache cache;
    private final OAuthFlows flows;
    private final Clock clock;

    public RuntimeTokens(TokenCache cache, OAuthFlows flows, Clock clock) {
        this.cache = cache;
        this.flows = flows;
        this.clock = clock;
    }

    /**
     * The access token for {@code runtimeUrl}. {@code clientCredentials} (may be null) are the
     * endpoints for a non-interactive re-acquisition (mode oauthClient); they also supply the client
     * secret a confidential client's refresh needs.
     */
    public Optional<String> accessToken(String runtimeUrl, String mode, ClientEndpoints clientCredentials) {
        Optional<CachedLogin> cached = cache.read(runtimeUrl);
        if (cached.isPresent() && !cached.get().tokens().expiresWithin(clock.instant(), REFRESH_MARGIN)) {
            return Optional.of(cached.get().tokens().accessToken());
        }
        if (cached.isPresent() && cached.get().tokens().refreshable()) {
            CachedLogin login = cached.get();
            ClientEndpoints ep = new ClientEndpoints(null, null, login.tokenURL(), null, login.revocationURL(),
                    login.clientId(), null, null, null).orElse(clientCredentials);
            try {
                TokenSet fresh = login.tokens().refreshedWith(flows.refresh(ep, login.tokens().refreshToken()));
                cache.write(login.withTokens(fresh));
                return Optional.of(fresh.accessToken());
            } catch (OAuthClientException refusedOrUnreachable) {
                // the refresh token expired or was revoked: fall through to re-acquire or sign in again
            }
        }
        if ("oauthClient".equals(mode) && clientCredentials != null) {
            return Optional.of(acquire(runtimeUrl, mode, clientCredentials).tokens().accessToken());
        }
        return Optional.empty();
    }

    /**
     * Replaces the cached access token now, whatever its expiry says (the runtime refused it): with
     * the refresh token, else by client credentials for {@code oauthClient}. False when neither works.
     */
    public boolean renew(String runtimeUrl, String mode, ClientEndpoints clientCredentials) {
        Optional<CachedLogin> cached = cache.read(runtimeUrl);
        if (cached.isPresent() && cached.get().tokens().refreshable()) {
            CachedLogin login = cached.get();
            ClientEndpoints ep = new ClientEndpoints(null, null, login.tokenURL(), null, login.revocationURL(),
                    login.clientId(), null, null, null).orElse(clientCredentials);
            try {
                cache.write(login.withTokens(login.tokens().refreshedWith(flows.refresh(ep, login.tokens().refreshToken()))));
                return true;
            } catch (OAuthClientException refused) {
                // fall through
            }
        }
        if ("oauthClient".equals(mode) && clientCredentials != null) {
            acquire(runtimeUrl, mode, clientCredentials);
            return true;
        }
        return false;
    }

    /** Fetches client-credentials tokens now and caches them. */
    public CachedLogin acquire(String runtimeUrl, String mode, ClientEndpoints ep) {
        return store(runtimeUrl, mode, ep, flows.clientCredentials(ep));
    }

    /** Caches tokens from any flow for {@code runtimeUrl}. */
    public CachedLogin store(String runtimeUrl, String mode, ClientEndpoints ep, TokenSet tokens) {
        CachedLogin login = new CachedLogin(TokenCache.normalize(runtimeUrl), mode, ep.tokenURL(), ep.revocationURL(),
                ep.clientId(), tokens);
        cache.write(login);
        return login;
    }
}
