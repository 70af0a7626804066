package org.opencli.core.auth.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.opencli.core.io.CappedBody;
import org.opencli.core.json.Json;

/**
 * RFC 8693 token exchange: an agent (a confidential or public client) trades the user's access token
 * (the subject token, optionally with its own actor token) for a token for the runtime. Plain
 * {@code java.net.http} rather than the OAuth library, so the answer is read with a size limit
 * ({@link #MAX_RESPONSE_BYTES}) and a deadline for the whole exchange. Errors name the endpoint and
 * the IdP's error code, never a token or the client secret.
 */
public final class TokenExchange {
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    static final int MAX_RESPONSE_BYTES = 64 * 1024;
    static final int MAX_DESCRIPTION_CHARS = 200;

    /** What to exchange and as whom. {@code clientSecret}, {@code actorToken}, {@code audience} may be null. */
    public record Request(String tokenURL, String clientId, String clientSecret, String subjectToken, String actorToken,
            String audience, List<String> scopes) {

        public Request {
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
        }

        @Override
        public String toString() {
            return "TokenExchange.Request[tokenURL=" + tokenURL + ", clientId=" + clientId + ", audience=" + audience
                    + ", scopes=" + scopes + ", tokens=***]";
        }
    }

    private final Clock clock;
    private final Duration timeout;

    public TokenExchange(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    public TokenSet exchange(Request r) {
        URI endpoint = endpoint(r.tokenURL());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", GRANT_TYPE);
        form.put("subject_token", r.subjectToken());
        form.put("subject_token_type", ACCESS_TOKEN_TYPE);
        form.put("requested_token_type", ACCESS_TOKEN_TYPE);
        if (r.actorToken() != null) {
            form.put("actor_token", r.actorToken());
            form.put("actor_token_type", ACCESS_TOKEN_TYPE);
        }
        if (r.audience() != null && !r.audience().isBlank()) form.put("audience", r.audience());
        if (!r.scopes().isEmpty()) form.put("scope", String.join(" ", r.scopes()));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
        if (r.clientSecret() != null) {
            // RFC 6749 §2.3.1: client_secret_basic with both parts form-encoded first
            String basic = urlEncode(r.clientId()) + ":" + urlEncode(r.clientSecret());
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.put("client_id", r.clientId());
        }
        String body = form.entrySet().stream().map(e -> urlEncode(e.getKey()) + "=" + urlEncode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpResponse<byte[]> response;
        // the size and the whole exchange's time are bounded, a slowly trickling answer included
        CappedBody.Handler capped = new CappedBody.Handler(MAX_RESPONSE_BYTES);
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(
                request.POST(HttpRequest.BodyPublishers.ofString(body)).build(), capped);
        try {
            response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            capped.cancel();
            exchange.cancel(true);
            throw new OAuthClientException("idp_unreachable", "the token endpoint " + endpoint
                    + " did not complete the token exchange within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof CappedBody.TooLarge) {
                throw new OAuthClientException("bad_idp_response", "the token endpoint " + endpoint
                        + " answered the token exchange with more than " + MAX_RESPONSE_BYTES / 1024 + " KiB");
            }
            throw new OAuthClientException("idp_unreachable", "cannot reach the token endpoint " + endpoint
                    + " for the token exchange (" + cause.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            capped.cancel();
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new OAuthClientException("login_interrupted", "the token exchange was interrupted");
        }
        byte[] bytes = response.body();
        JsonNode json = json(bytes);
        if (response.statusCode() != 200) {
            String error = json == null ? null : text(json, "error");
            String description = json == null ? null : text(json, "error_description");
            throw new OAuthClientException("token_exchange_failed", "the token endpoint " + endpoint
                    + " refused the token exchange: " + (error == null ? "HTTP " + response.statusCode() : safe(error, r))
                    + (description == null ? "" : " (" + safe(description, r) + ")"));
        }
        String access = json == null ? null : text(json, "access_token");
        if (access == null) {
            throw new OAuthClientException("bad_idp_response", "the token endpoint " + endpoint
                    + " answered the token exchange without an access_token");
        }
        String issuedType = text(json, "issued_token_type");
        if (issuedType != null && !ACCESS_TOKEN_TYPE.equals(issuedType)) {
            throw new OAuthClientException("bad_idp_response", "the token endpoint " + endpoint
                    + " issued a " + safe(issuedType, r) + ", not an access token");
        }
        long expiresAt = json.path("expires_in").canConvertToLong() && json.path("expires_in").asLong() > 0
                ? clock.instant().getEpochSecond() + json.path("expires_in").asLong() : expiryClaim(access);
        String scope = text(json, "scope");
        List<String> scopes = scope != null ? Arrays.asList(scope.trim().split("\\s+")) : UnverifiedClaims.scopes(access);
        return new TokenSet(access, null, null, expiresAt, scopes, UnverifiedClaims.principal(access, null));
    }

    private static long expiryClaim(String token) {
        var claims = UnverifiedClaims.of(token);
        return claims == null || claims.getExpirationTime() == null ? 0 : claims.getExpirationTime().toInstant().getEpochSecond();
    }

    /** IdP text for an error message: bounded, single line, and never a token we sent. */
    private static String safe(String text, Request r) {
        String t = text.replaceAll("\\p{Cntrl}", " ");
        for (String secret : new String[] {r.subjectToken(), r.actorToken(), r.clientSecret()}) {
            if (secret != null && !secret.isEmpty()) t = t.replace(secret, "***");
        }
        return t.length() > MAX_DESCRIPTION_CHARS ? t.substring(0, MAX_DESCRIPTION_CHARS) + "…" : t;
    }

    private static JsonNode json(byte[] bytes) {
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static URI endpoint(String url) {
        try {
            URI u = URI.create(url);
            if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                throw new IllegalArgumentException();
            }
            return u;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new OAuthClientException("bad_endpoint", "the token endpoint '" + url + "' is not an http(s) URL");
        }
    }

    private static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
