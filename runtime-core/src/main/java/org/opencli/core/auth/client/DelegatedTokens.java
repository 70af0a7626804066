package org.opencli.core.auth.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Exchanged tokens, cached until shortly before they expire: an agent runs many {@code ocli}
 * processes for one user token, and each would otherwise ask the IdP again. Cached per runtime,
 * agent client, audience, scopes and subject token (by its SHA-256, never the token), so a new user
 * token gets its own exchange. A token whose lifetime neither the answer nor its {@code exp} states
 * is used once and not cached.
 */
public final class DelegatedTokens {
    private final TokenCache cache;
    private final TokenExchange exchange;
    private final Clock clock;

    public DelegatedTokens(TokenCache cache, TokenExchange exchange, Clock clock) {
        this.cache = cache;
        this.exchange = exchange;
        this.clock = clock;
    }

    /** The runtime token for {@code request}: cached, else exchanged now. */
    public TokenSet token(String runtimeUrl, TokenExchange.Request request) {
        String key = key(runtimeUrl, request);
        Optional<CachedLogin> cached = cache.read(key);
        if (cached.isPresent()) {
            TokenSet t = cached.get().tokens();
            if (t.expiresAt() > 0 && !t.expiresWithin(clock.instant(), RuntimeTokens.REFRESH_MARGIN)) return t;
        }
        return renew(runtimeUrl, request);
    }

    /** Exchanges again now, whatever the cache holds (the runtime refused the cached token). */
    public TokenSet renew(String runtimeUrl, TokenExchange.Request request) {
        String key = key(runtimeUrl, request);
        TokenSet fresh = exchange.exchange(request);
        if (fresh.expiresAt() > 0) {
            cache.write(new CachedLogin(key, "delegation", request.tokenURL(), null, request.clientId(), fresh));
        } else {
            cache.delete(key);
        }
        return fresh;
    }

    /** Forgets the exchanged token for {@code request}; true when there was one. */
    public boolean forget(String runtimeUrl, TokenExchange.Request request) {
        return cache.delete(key(runtimeUrl, request));
    }

    public Optional<TokenSet> cached(String runtimeUrl, TokenExchange.Request request) {
        return cache.read(key(runtimeUrl, request)).map(CachedLogin::tokens);
    }

    static String key(String runtimeUrl, TokenExchange.Request r) {
        return TokenCache.normalize(runtimeUrl) + "#delegation:" + sha256(r.clientId() + "\n" + r.audience() + "\n" + r.scopes()
                + "\n" + r.subjectToken() + "\n" + r.actorToken());
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
