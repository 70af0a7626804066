package org.opencli.core.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.opencli.core.config.SecretConfig;
import org.opencli.core.execution.UpstreamClient;
import org.opencli.core.execution.UpstreamRequest;
import org.opencli.core.execution.UpstreamResponse;
import org.opencli.core.json.Json;

/**
 * OAuth 2 client-credentials tokens: fetched from the token endpoint, kept in memory per secret
 * until 30 s before expiry, and with {@code tokenStorage: instance} also written (0600) under the
 * instance's token directory so a restarted runtime can reuse them. Authorization code (PKCE) is
 * handed to {@link AuthorizationCodeTokens}; implicit and password grants are refused.
 */
public final class OAuthTokens {
    static final Duration REFRESH_MARGIN = Duration.ofSeconds(30);

    /**
     * Where to get a token, from the API description: the client-credentials token URL, an OpenID
     * Connect discovery document, and the authorization-code flow's authorization and token URLs.
     */
    public record Endpoint(String tokenUrl, String openIdConnectUrl, String authorizationUrl, String authorizationCodeTokenUrl) {
        public Endpoint(String tokenUrl, String openIdConnectUrl) {
            this(tokenUrl, openIdConnectUrl, null, null);
        }
    }

    private record Token(String accessToken, Instant expiresAt) {
    }

    private final UpstreamClient http;
    private final Duration timeout;
    private final Map<String, Token> cache = new ConcurrentHashMap<>();
    private final Map<String, String> discovered = new ConcurrentHashMap<>();
    private final InteractiveAuthorizer authorizer;
    private volatile AuthorizationCodeTokens authorizationCode;

    public OAuthTokens(UpstreamClient http, Duration timeout) {
        this(http, timeout, null);
    }

    /** {@code authorizer} (may be null) lets authorizationCode secrets with {@code interactive: true} ask a person. */
    public OAuthTokens(UpstreamClient http, Duration timeout, InteractiveAuthorizer authorizer) {
        this.http = http;
        this.timeout = timeout;
        this.authorizer = authorizer;
    }

    String token(String name, SecretConfig secret, Endpoint endpoint, List<String> scopes, SecretEnvironment env,
                 BiFunction<String, SecretConfig, String> nested) {
        String mode = secret.mode() == null ? "clientCredentials" : secret.mode();
        if (mode.equals("authorizationCode")) {
            return authorizationCode().token(name, secret, endpoint, scopes, env, nested);
        }
        if (!mode.equals("clientCredentials")) throw new SecretUnresolvedException("oauth2 mode '" + mode + "' is not supported");
        Instant now = env.clock().instant();
        // keyed by name and the secret's (reference-only) definition: an edited secret gets a new token
        String key = name + "#" + Integer.toHexString(secret.hashCode()) + "#" + endpoint + "#" + scopes;
        Token cached = cache.get(key);
        if (cached == null && "instance".equals(secret.tokenStorage())) cached = readStored(key, env);
        if (cached != null && now.isBefore(cached.expiresAt().minus(REFRESH_MARGIN))) return cached.accessToken();
        Token fresh = fetch(name, secret, endpoint, scopes, env, nested);
        cache.put(key, fresh);
        if ("instance".equals(secret.tokenStorage())) store(key, fresh, env);
        return fresh.accessToken();
    }

    /** Created on first use: loads the OAuth library only when such a secret is actually resolved. */
    private AuthorizationCodeTokens authorizationCode() {
        if (authorizationCode == null) {
            synchronized (this) {
                if (authorizationCode == null) authorizationCode = new AuthorizationCodeTokens(authorizer, timeout);
            }
        }
        return authorizationCode;
    }

    private Token fetch(String name, SecretConfig secret, Endpoint endpoint, List<String> scopes, SecretEnvironment env,
                        BiFunction<String, SecretConfig, String> nested) {
        String tokenUrl = secret.tokenURL() != null ? secret.tokenURL()
                : endpoint.tokenUrl() != null ? endpoint.tokenUrl() : discover(endpoint.openIdConnectUrl(), secret.issuer());
        if (secret.clientId() == null || secret.clientSecret() == null) {
            throw new SecretUnresolvedException("oauth2 secret needs clientId and clientSecret");
        }
        String clientId = nested.apply(name + ".clientId", secret.clientId());
        String clientSecret = nested.apply(name + ".clientSecret", secret.clientSecret());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        List<String> scope = secret.scopes() != null && !secret.scopes().isEmpty() ? secret.scopes() : scopes;
        if (scope != null && !scope.isEmpty()) form.put("scope", String.join(" ", scope));
        if (secret.audience() != null) form.put("audience", secret.audience());
        UpstreamResponse response = call(new UpstreamRequest("POST", URI.create(tokenUrl),
                Map.of("Content-Type", List.of("application/x-www-form-urlencoded"), "Accept", List.of("application/json")),
                formBody(form), timeout), "token endpoint " + tokenUrl);
        if (response.statusCode() / 100 != 2) {
            throw new SecretUnresolvedException("token endpoint " + tokenUrl + " answered " + response.statusCode());
        }
        JsonNode json = parse(response, "token endpoint " + tokenUrl);
        String access = json.path("access_token").asText(null);
        if (access == null || access.isEmpty()) throw new SecretUnresolvedException("token endpoint " + tokenUrl + " returned no access_token");
        long expiresIn = json.path("expires_in").asLong(3600);
        return new Token(access, env.clock().instant().plusSeconds(expiresIn));
    }

    private String discover(String openIdConnectUrl, String issuer) {
        String url = openIdConnectUrl != null ? openIdConnectUrl
                : issuer != null ? issuer.replaceAll("/$", "") + "/.well-known/openid-configuration" : null;
        if (url == null) throw new SecretUnresolvedException("no tokenURL configured and no OpenID Connect discovery URL");
        return discovered.computeIfAbsent(url, u -> {
            UpstreamResponse r = call(new UpstreamRequest("GET", URI.create(u), Map.of("Accept", List.of("application/json")),
                    null, timeout), "OpenID Connect discovery " + u);
            String endpoint = r.statusCode() == 200 ? parse(r, "OpenID Connect discovery " + u).path("token_endpoint").asText(null) : null;
            if (endpoint == null) throw new SecretUnresolvedException("OpenID Connect discovery " + u + " gave no token_endpoint");
            return endpoint;
        });
    }

    private UpstreamResponse call(UpstreamRequest request, String what) {
        try {
            return http.send(request).toCompletableFuture().join();
        } catch (RuntimeException e) {
            throw new SecretUnresolvedException(what + " is unreachable");
        }
    }

    private static JsonNode parse(UpstreamResponse r, String what) {
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new SecretUnresolvedException(what + " did not answer JSON");
        }
    }

    private static byte[] formBody(Map<String, String> form) {
        List<String> pairs = new ArrayList<>();
        form.forEach((k, v) -> pairs.add(enc(k) + "=" + enc(v)));
        return String.join("&", pairs).getBytes(StandardCharsets.US_ASCII);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Path storedFile(String name, SecretEnvironment env) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return env.tokenDir().resolve(HexFormat.of().formatHex(digest, 0, 16) + ".json");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Token readStored(String name, SecretEnvironment env) {
        if (env.tokenDir() == null) return null;
        try {
            JsonNode json = Json.MAPPER.readTree(storedFile(name, env).toFile());
            return new Token(json.path("accessToken").asText(), Instant.parse(json.path("expiresAt").asText()));
        } catch (IOException | RuntimeException e) {
            return null; // absent or corrupt: fetch a new one
        }
    }

    private static void store(String name, Token token, SecretEnvironment env) {
        if (env.tokenDir() == null) return;
        try {
            Files.createDirectories(env.tokenDir());
            Path file = storedFile(name, env);
            Path tmp = Files.createTempFile(env.tokenDir(), "token", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // non-POSIX file systems: best effort
            }
            Files.writeString(tmp, Json.write(Map.of("accessToken", token.accessToken(), "expiresAt", token.expiresAt().toString())));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // persistence is an optimisation; the in-memory token still works
        }
    }
}
