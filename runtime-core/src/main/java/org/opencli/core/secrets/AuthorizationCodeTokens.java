package org.opencli.core.secrets;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.opencli.core.auth.client.CachedLogin;
import org.opencli.core.auth.client.ClientEndpoints;
import org.opencli.core.auth.client.OAuthClientException;
import org.opencli.core.auth.client.OAuthFlows;
import org.opencli.core.auth.client.Pacer;
import org.opencli.core.auth.client.TokenCache;
import org.opencli.core.auth.client.TokenSet;
import org.opencli.core.auth.client.UserPrompt;
import org.opencli.core.config.SecretConfig;

/**
 * oauth2 secrets with {@code mode: authorizationCode} (PKCE S256, loopback callback). A cached
 * token is used until shortly before expiry, then refreshed with its refresh token — all without a
 * person. Only when neither works, and the secret says {@code interactive: true}, and an
 * {@link InteractiveAuthorizer} is present, does it ask someone to sign in; otherwise the secret is
 * unresolved (and that alternative fails with a hint to sign in). Tokens live in memory and, unless
 * {@code tokenStorage: memory}, in 0600 files under the instance's token directory.
 */
final class AuthorizationCodeTokens {
    static final Duration REFRESH_MARGIN = Duration.ofSeconds(30);

    private final InteractiveAuthorizer authorizer;
    private final Duration httpTimeout;
    private final Map<String, TokenSet> memory = new ConcurrentHashMap<>();

    AuthorizationCodeTokens(InteractiveAuthorizer authorizer, Duration httpTimeout) {
        this.authorizer = authorizer;
        this.httpTimeout = httpTimeout;
    }

    String token(String name, SecretConfig secret, OAuthTokens.Endpoint endpoint, List<String> scopes, SecretEnvironment env,
                 BiFunction<String, SecretConfig, String> nested) {
        String key = name + "#" + Integer.toHexString(secret.hashCode()) + "#" + endpoint + "#" + scopes;
        TokenCache files = "memory".equals(secret.tokenStorage()) || env.tokenDir() == null ? null : TokenCache.inDirectory(env.tokenDir());
        String fileKey = "secret:" + digest(key);
        TokenSet cached = memory.get(key);
        if (cached == null && files != null) cached = files.read(fileKey).map(CachedLogin::tokens).orElse(null);
        if (cached != null && !cached.expiresWithin(env.clock().instant(), REFRESH_MARGIN)) return cached.accessToken();

        OAuthFlows flows = new OAuthFlows(env.clock(), Pacer.sleeping(), httpTimeout);
        try {
            ClientEndpoints ep = endpoints(name, secret, endpoint, scopes, flows, nested);
            if (cached != null && cached.refreshable()) {
                Optional<TokenSet> refreshed = refresh(flows, ep, cached);
                if (refreshed.isPresent()) return keep(key, fileKey, files, ep, refreshed.get());
            }
            if (!Boolean.TRUE.equals(secret.interactive())) {
                throw new SecretUnresolvedException("no cached or refreshable token, and the secret is not interactive "
                        + "(set \"interactive\": true, then sign in once by running the call with ocli --embedded on a terminal)");
            }
            if (authorizer == null) {
                throw new SecretUnresolvedException("no cached or refreshable token, and no one can sign in here "
                        + "(interactive sign-in needs ocli --embedded on a terminal); sign in once that way, then retry");
            }
            TokenSet fresh = flows.authorizationCode(ep, redirect(secret), secret.issuer() != null, prompt(name),
                    authorizer.timeout());
            return keep(key, fileKey, files, ep, fresh);
        } catch (OAuthClientException e) {
            throw new SecretUnresolvedException(e.getMessage());
        }
    }

    private static Optional<TokenSet> refresh(OAuthFlows flows, ClientEndpoints ep, TokenSet cached) {
        try {
            return Optional.of(cached.refreshedWith(flows.refresh(ep, cached.refreshToken())));
        } catch (OAuthClientException expiredOrRevoked) {
            return Optional.empty();
        }
    }

    private String keep(String key, String fileKey, TokenCache files, ClientEndpoints ep, TokenSet tokens) {
        memory.put(key, tokens);
        if (files != null) {
            try {
                files.write(new CachedLogin(fileKey, "authorizationCode", ep.tokenURL(), ep.revocationURL(), ep.clientId(), tokens));
            } catch (OAuthClientException unwritable) {
                // persistence is an optimisation; the in-memory token still works
            }
        }
        return tokens.accessToken();
    }

    private static ClientEndpoints endpoints(String name, SecretConfig secret, OAuthTokens.Endpoint endpoint, List<String> scopes,
                                             OAuthFlows flows, BiFunction<String, SecretConfig, String> nested) {
        if (secret.clientId() == null) throw new SecretUnresolvedException("oauth2 authorizationCode needs clientId");
        String clientId = nested.apply(name + ".clientId", secret.clientId());
        String clientSecret = secret.clientSecret() == null ? null : nested.apply(name + ".clientSecret", secret.clientSecret());
        List<String> scope = secret.scopes() != null && !secret.scopes().isEmpty() ? secret.scopes() : scopes;
        ClientEndpoints ep = new ClientEndpoints(secret.issuer(),
                first(secret.authorizationURL(), endpoint.authorizationUrl()),
                first(secret.tokenURL(), endpoint.authorizationCodeTokenUrl()), null, null, clientId, clientSecret, scope,
                secret.audience());
        if (ep.authorizationURL() == null || ep.tokenURL() == null) {
            String issuer = secret.issuer() != null ? secret.issuer()
                    : endpoint.openIdConnectUrl() == null ? null
                    : endpoint.openIdConnectUrl().replaceFirst("/\\.well-known/openid-configuration/?$", "");
            if (issuer == null) {
                throw new SecretUnresolvedException("no authorizationURL/tokenURL configured or in the API description, and no issuer to discover them from");
            }
            ep = ep.orElse(flows.discover(issuer));
        }
        return ep;
    }

    /** {@code redirectURI} gives port and path; else {@code callbackPort}; else an ephemeral port and /callback. */
    private static URI redirect(SecretConfig secret) {
        if (secret.redirectURI() != null && !secret.redirectURI().isBlank()) return URI.create(secret.redirectURI());
        int port = secret.callbackPort() == null ? 0 : secret.callbackPort();
        return URI.create("http://127.0.0.1:" + port + "/callback");
    }

    private UserPrompt prompt(String name) {
        return new UserPrompt() {
            @Override
            public void say(String line) {
                // the authorizer presents the URL in its own words
            }

            @Override
            public void openBrowser(URI url) {
                authorizer.present(name, url);
            }
        };
    }

    private static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
