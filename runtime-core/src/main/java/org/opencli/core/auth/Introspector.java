package org.opencli.core.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opencli.core.json.Json;

/**
 * RFC 7662 token introspection with {@code client_secret_basic}. Active answers are cached for up to
 * {@code cacheFor} and never past the token's own {@code exp}; inactive answers are never cached, so
 * a token that was refused is asked about again. Cache keys are SHA-256 hashes of the token.
 */
final class Introspector {
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };
    private static final int MAX_ENTRIES = 10_000;

    private record Cached(Map<String, Object> claims, Instant until) {
    }

    private final URI uri;
    private final String authorization;
    private final Duration cacheFor;
    private final AuthHttp http;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    Introspector(URI uri, String clientId, String clientSecret, Duration cacheFor, AuthHttp http, Clock clock) {
        this.uri = uri;
        // RFC 6749 §2.3.1: id and secret are form-encoded before Basic encoding
        String pair = form(clientId) + ":" + form(clientSecret);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        this.cacheFor = cacheFor;
        this.http = http;
        this.clock = clock;
    }

    /** The introspection response; {@code active} is true in every answer returned from the cache. */
    Map<String, Object> introspect(String token) {
        Instant now = clock.instant();
        String key = hash(token);
        Cached cached = cache.get(key);
        if (cached != null) {
            if (now.isBefore(cached.until())) return cached.claims();
            cache.remove(key, cached);
        }
        String body = http.send(HttpRequest.newBuilder(uri)
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + form(token) + "&token_type_hint=access_token")),
                "token introspection", uri);
        Map<String, Object> claims;
        try {
            claims = Json.MAPPER.readValue(body, JSON_OBJECT);
        } catch (Exception e) {
            throw AuthHttp.unavailable("token introspection at " + uri + " did not answer a JSON object", e);
        }
        if (claims == null) throw AuthHttp.unavailable("token introspection at " + uri + " answered null", null);
        if (Boolean.TRUE.equals(claims.get("active")) && !cacheFor.isZero()) {
            Instant until = now.plus(cacheFor);
            Instant exp = claims.get("exp") instanceof Number n ? ClaimTimes.inRange(n) : null;
            if (exp != null && exp.isBefore(until)) until = exp;
            if (until.isAfter(now)) {
                if (cache.size() >= MAX_ENTRIES) cache.entrySet().removeIf(e -> !now.isBefore(e.getValue().until()));
                if (cache.size() < MAX_ENTRIES) cache.put(key, new Cached(claims, until));
            }
        }
        return claims;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String form(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
