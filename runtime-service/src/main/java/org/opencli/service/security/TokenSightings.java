package org.opencli.service.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opencli.core.auth.ValidatedToken;

/**
 * Which tokens this daemon has already seen, by SHA-256 of the token (never the token), to audit
 * {@code authenticated_connect} once per token and {@code token_refresh} when a principal+client
 * presents a new token while an earlier one was still valid. Bounded; expired entries are dropped.
 */
final class TokenSightings {
    private static final int MAX_ENTRIES = 20_000;

    /** What a first sighting means for the audit log; null when the token was seen before. */
    enum Kind { CONNECT, REFRESH }

    private record Latest(String tokenHash, Instant expiresAt) {
    }

    private final Clock clock;
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final Map<String, Latest> latestByPrincipal = new ConcurrentHashMap<>();

    TokenSightings(Clock clock) {
        this.clock = clock;
    }

    Kind sighted(String tokenHash, ValidatedToken token) {
        Instant now = clock.instant();
        Instant expiry = token.expiresAt() != null ? token.expiresAt() : now.plusSeconds(3600);
        if (seen.size() >= MAX_ENTRIES) prune(now);
        if (seen.putIfAbsent(tokenHash, expiry) != null) return null;
        String who = token.principal() + "|" + token.clientId();
        Latest previous = latestByPrincipal.put(who, new Latest(tokenHash, expiry));
        boolean refresh = previous != null && !previous.tokenHash().equals(tokenHash) && now.isBefore(previous.expiresAt());
        return refresh ? Kind.REFRESH : Kind.CONNECT;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void prune(Instant now) {
        seen.entrySet().removeIf(e -> !now.isBefore(e.getValue()));
        latestByPrincipal.entrySet().removeIf(e -> !now.isBefore(e.getValue().expiresAt()));
        if (seen.size() >= MAX_ENTRIES) seen.clear(); // still full of live tokens: forget rather than grow
    }
}
