package org.opencli.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.runtime.BearerSource;
import org.opencli.core.auth.client.CachedLogin;
import org.opencli.core.auth.client.ClientEndpoints;
import org.opencli.core.auth.client.DelegatedTokens;
import org.opencli.core.auth.client.OAuthClientException;
import org.opencli.core.auth.client.OAuthFlows;
import org.opencli.core.auth.client.RuntimeTokens;
import org.opencli.core.auth.client.TokenCache;
import org.opencli.core.auth.client.TokenExchange;
import org.opencli.core.auth.client.TokenSet;
import org.opencli.core.auth.client.UserPrompt;
import org.opencli.core.config.RemoteOAuthConfig;
import org.opencli.core.config.SecretConfig;
import org.opencli.core.json.Json;
import org.opencli.core.text.Strings;

/**
 * Signing in to one remote runtime: the bearer for every call (per {@code runtime.remote.oauth.mode}),
 * {@code ocli auth login|logout|status|token}. Endpoints: config first, then the issuer's OIDC
 * discovery, then the runtime's {@code /v1/auth/browser-config}. With no oauth block, a cached
 * sign-in (from {@code ocli --runtime URL auth login}) is used as browserLogin/deviceCode would.
 * Mode delegation (an agent acting for a user) exchanges the user's token on each call, through a
 * cache of exchanged tokens kept apart from the person's sign-ins.
 */
public final class RemoteAuth implements BearerSource {
    static final Duration LOGIN_TIMEOUT = Duration.ofMinutes(5);
    static final String DELEGATION = "delegation";

    private final String runtimeUrl;
    private final RemoteOAuthConfig config;
    private final String source;
    private final Path baseDir;
    private final Map<String, String> env;
    private final TokenCache cache;
    private final Path stateRoot;
    private OAuthFlows flows;
    private RuntimeTokens tokens;
    private DelegatedTokens delegated;
    private ClientEndpoints resolved;
    private String browserConfigProblem;
    /**
     * Client credentials from the environment (a CI job's) are used for this process only, never
     * cached: the per-user cache holds one sign-in per runtime URL, and a CI script run on a laptop
     * must neither replace the person's sign-in nor leave its service identity for their next call.
     */
    private final boolean processOnly;
    private String processToken;

    public RemoteAuth(String runtimeUrl, RemoteCredentials credentials, Path baseDir, Map<String, String> env, Path stateRoot) {
        this.runtimeUrl = runtimeUrl.replaceAll("/+$", "");
        this.config = credentials.oauth();
        this.source = credentials.source();
        this.baseDir = baseDir;
        this.env = env;
        this.cache = TokenCache.forUser(stateRoot);
        this.stateRoot = stateRoot;
        this.processOnly = credentials.fromEnvironment() && config != null && "oauthClient".equals(config.mode());
    }

    /** The OAuth library is loaded here, on first need, not when the runtime client is built. */
    private OAuthFlows flows() {
        if (flows == null) flows = OAuthFlows.standard();
        return flows;
    }

    private RuntimeTokens tokens() {
        if (tokens == null) tokens = new RuntimeTokens(cache, flows(), Clock.systemUTC());
        return tokens;
    }

    private DelegatedTokens delegated() {
        if (delegated == null) {
            delegated = new DelegatedTokens(TokenCache.inDirectory(stateRoot.resolve("auth").resolve("delegation")),
                    new TokenExchange(Clock.systemUTC(), Duration.ofSeconds(30)), Clock.systemUTC());
        }
        return delegated;
    }

    public String runtimeUrl() {
        return runtimeUrl;
    }

    /**
     * Where the credentials come from: the environment or a config file (see {@link RemoteCredentials}),
     * else the sign-in cache file when it holds a sign-in for this runtime, else {@code none}.
     */
    public String credentialSource() {
        if (source != null) return source;
        return cache.read(runtimeUrl).isPresent() ? "sign-in cache " + cache.file(runtimeUrl) : "none";
    }

    @Override
    public String mode() {
        if (config != null && config.mode() != null) return config.mode();
        return cache.read(runtimeUrl).map(CachedLogin::mode).orElse("browserLogin");
    }

    @Override
    public String token() {
        String mode = mode();
        try {
            if ("providedToken".equals(mode)) return providedToken();
            if (DELEGATION.equals(mode)) return delegated().token(runtimeUrl, exchangeRequest()).accessToken();
            if (processOnly) {
                if (processToken == null) processToken = flows().clientCredentials(endpoints(mode)).accessToken();
                return processToken;
            }
            ClientEndpoints ep = "oauthClient".equals(mode) ? endpoints(mode) : null;
            if (ep != null && cache.read(runtimeUrl).filter(c -> !java.util.Objects.equals(c.clientId(), ep.clientId())).isPresent()) {
                // the cached sign-in is another identity's (a person's login, another client): these
                // credentials win for this call, with a token of their own that replaces nothing
                return flows().clientCredentials(ep).accessToken();
            }
            Optional<String> token = tokens().accessToken(runtimeUrl, mode, ep);
            if (token.isPresent()) return token.get();
        } catch (OAuthClientException e) {
            throw failure(e);
        }
        throw new CliException(ExitCodes.AUTH_REQUIRED, "login_required", "Sign-in required",
                "no valid sign-in for the runtime at " + runtimeUrl + " (" + mode + "); run 'ocli --runtime " + runtimeUrl + " auth login"
                        + ("deviceCode".equals(mode) ? " --device'" : "'"));
    }

    @Override
    public boolean renew() {
        String mode = mode();
        if ("providedToken".equals(mode)) return false;
        try {
            if (DELEGATION.equals(mode)) {
                delegated().renew(runtimeUrl, exchangeRequest());
                return true;
            }
            if (processOnly) {
                processToken = flows().clientCredentials(endpoints(mode)).accessToken();
                return true;
            }
            return tokens().renew(runtimeUrl, mode, "oauthClient".equals(mode) ? endpoints(mode) : null);
        } catch (OAuthClientException | CliException e) {
            return false;
        }
    }

    /** Signs in now with the configured mode ({@code --device} forces the device flow) and caches the tokens. */
    public CachedLogin login(boolean device, UserPrompt prompt) {
        String mode = device ? "deviceCode" : mode();
        try {
            return switch (mode) {
                case "providedToken" -> throw new CliException(ExitCodes.USAGE, "login_not_applicable", "Nothing to sign in to",
                        "mode providedToken reads the token from " + config.tokenRef() + " on every call; there is no sign-in");
                case "oauthClient" -> tokens().acquire(runtimeUrl, mode, endpoints(mode));
                case DELEGATION -> {
                    TokenExchange.Request request = exchangeRequest();
                    yield new CachedLogin(runtimeUrl, mode, request.tokenURL(), null, request.clientId(),
                            delegated().renew(runtimeUrl, request));
                }
                case "deviceCode" -> {
                    ClientEndpoints ep = endpoints(mode);
                    yield tokens().store(runtimeUrl, mode, ep, flows().deviceCode(ep, prompt));
                }
                default -> {
                    ClientEndpoints ep = endpoints("browserLogin");
                    int port = config != null && config.browserLogin() != null && config.browserLogin().callbackPort() != null
                            ? config.browserLogin().callbackPort() : 0;
                    yield tokens().store(runtimeUrl, "browserLogin", ep,
                            flows().authorizationCode(ep, port, true, prompt, LOGIN_TIMEOUT));
                }
            };
        } catch (OAuthClientException e) {
            throw failure(e);
        }
    }

    /** Revokes at the IdP when it has a revocation endpoint, then forgets the sign-in. */
    public LogoutResult logout() {
        if (DELEGATION.equals(mode())) {
            // nothing to revoke: the exchanged token belongs to the user's sign-in at the IdP; forget our copy
            try {
                return new LogoutResult(runtimeUrl, delegated().forget(runtimeUrl, exchangeRequest()), false);
            } catch (OAuthClientException e) {
                throw new CliException(ExitCodes.INTERNAL, e.code(), "Sign-out failed", e.getMessage());
            }
        }
        Optional<CachedLogin> cached = cache.read(runtimeUrl);
        boolean revoked = false;
        if (cached.isPresent() && cached.get().revocationURL() != null) {
            CachedLogin login = cached.get();
            String secret = "oauthClient".equals(login.mode()) ? quietClientSecret() : null;
            ClientEndpoints ep = new ClientEndpoints(null, null, login.tokenURL(), null, login.revocationURL(),
                    login.clientId(), secret, null, null);
            TokenSet t = login.tokens();
            revoked = t.refreshable() ? flows().revoke(ep, t.refreshToken(), true) : flows().revoke(ep, t.accessToken(), false);
        }
        try {
            return new LogoutResult(runtimeUrl, cache.delete(runtimeUrl), revoked);
        } catch (OAuthClientException e) {
            throw new CliException(ExitCodes.INTERNAL, e.code(), "Sign-out failed", e.getMessage());
        }
    }

    public record LogoutResult(String runtime, boolean signedOut, boolean revoked) {
    }

    public Optional<CachedLogin> cached() {
        return cache.read(runtimeUrl);
    }

    /**
     * {@link #current} without a network round trip: empty for client credentials from the
     * environment, which are exchanged for a token on every call and never cached.
     */
    public Optional<TokenSet> cachedSignIn() {
        return processOnly ? Optional.empty() : current();
    }

    /**
     * What {@code ocli auth status} shows: the cached sign-in, or for providedToken the token it
     * would send now (described from its claims), for the environment's client credentials the token
     * this process gets; empty when there is none.
     */
    public Optional<TokenSet> current() {
        if (processOnly) {
            try {
                return Optional.of(TokenSet.describing(token()));
            } catch (CliException failed) {
                return Optional.empty();
            }
        }
        if (DELEGATION.equals(mode())) {
            try {
                return Optional.of(delegated().token(runtimeUrl, exchangeRequest()));
            } catch (CliException | OAuthClientException unresolved) {
                return Optional.empty();
            }
        }
        if ("providedToken".equals(mode())) {
            try {
                return Optional.of(TokenSet.describing(providedToken()));
            } catch (CliException unresolved) {
                return Optional.empty();
            }
        }
        return cache.read(runtimeUrl).map(CachedLogin::tokens);
    }

    /** Endpoints for {@code mode}: config, then issuer discovery, then the runtime's browser-config. */
    ClientEndpoints endpoints(String mode) {
        if (resolved != null) return resolved;
        ClientEndpoints fromConfig = fromConfig(mode);
        ClientEndpoints ep = fromConfig;
        if (!complete(ep, mode) && ep.issuer() != null) ep = ep.orElse(flows().discover(ep.issuer()));
        if (!complete(ep, mode)) {
            ep = ep.orElse(browserConfig());
            if (ep.issuer() != null && (!complete(ep, mode) || ep.revocationURL() == null)) {
                try {
                    ep = ep.orElse(flows().discover(ep.issuer()));
                } catch (OAuthClientException e) {
                    // discovery is only a fallback here; the missing endpoint is reported below
                }
            }
        }
        resolved = ep;
        return ep;
    }

    private ClientEndpoints fromConfig(String mode) {
        if (config == null) return new ClientEndpoints(null, null, null, null, null, null, null, null, null);
        RemoteOAuthConfig.BrowserLoginConfig browser = config.browserLogin();
        RemoteOAuthConfig.DeviceCodeConfig device = config.deviceCode();
        RemoteOAuthConfig.RemoteOAuthClient client = config.client();
        RemoteOAuthConfig.DelegationConfig delegation = config.delegation();
        String tokenURL = switch (mode) {
            case "oauthClient" -> client == null ? null : client.tokenURL();
            case DELEGATION -> delegation == null ? null : delegation.tokenURL();
            case "deviceCode" -> device != null && device.tokenURL() != null ? device.tokenURL()
                    : browser == null ? null : browser.tokenURL();
            default -> browser != null && browser.tokenURL() != null ? browser.tokenURL()
                    : device == null ? null : device.tokenURL();
        };
        String clientId;
        String clientSecret = null;
        if (DELEGATION.equals(mode)) {
            clientId = delegation == null || delegation.clientId() == null ? null : secret("delegation.clientId", delegation.clientId());
            clientSecret = delegation == null || delegation.clientSecret() == null ? null
                    : secret("delegation.clientSecret", delegation.clientSecret());
        } else if ("oauthClient".equals(mode)) {
            clientId = client == null || client.clientId() == null ? null : secret("client.clientId", client.clientId());
            clientSecret = client == null || client.clientSecret() == null ? null : secret("client.clientSecret", client.clientSecret());
        } else {
            String deviceId = device == null ? null : device.clientId();
            String browserId = browser == null ? null : browser.clientId();
            clientId = "deviceCode".equals(mode) ? first(deviceId, browserId) : first(browserId, deviceId);
        }
        return new ClientEndpoints(config.issuer(), browser == null ? null : browser.authorizationURL(), tokenURL,
                device == null ? null : device.deviceAuthorizationURL(), null, clientId, clientSecret, config.scopes(),
                config.audience());
    }

    private static boolean complete(ClientEndpoints ep, String mode) {
        boolean base = ep.tokenURL() != null && ep.clientId() != null;
        return switch (mode) {
            case "deviceCode" -> base && ep.deviceAuthorizationURL() != null;
            case "oauthClient", DELEGATION -> base;
            default -> base && ep.authorizationURL() != null;
        };
    }

    /** {@code GET <runtime>/v1/auth/browser-config} (no token needed) as endpoints; null-filled when unavailable. */
    private ClientEndpoints browserConfig() {
        URI uri = URI.create(runtimeUrl + "/v1/auth/browser-config");
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Accept", "application/json").GET().build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                browserConfigProblem = uri + " answered " + r.statusCode();
                return null;
            }
            JsonNode c = Json.MAPPER.readTree(r.body());
            // scopes stay the config's: browser-config's scopePrefixes describe grants, not what to request
            return new ClientEndpoints(text(c, "issuer"), text(c, "authorizationURL"), text(c, "tokenURL"),
                    text(c, "deviceAuthorizationURL"), text(c, "revocationURL"), text(c, "clientId"), null, null,
                    text(c, "audience"));
        } catch (IOException e) {
            browserConfigProblem = uri + " could not be fetched (" + (e instanceof java.net.ConnectException
                    ? "connection refused" : e.getClass().getSimpleName()) + ")";
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Mode delegation: what to exchange — the user's token from {@code subjectTokenRef} (read on every
     * call: the agent may be handed a new one), the agent's own from {@code actorTokenRef} when set.
     */
    private TokenExchange.Request exchangeRequest() {
        RemoteOAuthConfig.DelegationConfig d = config.delegation();
        if (d == null) {
            throw new CliException(ExitCodes.USAGE, "invalid_config", "Invalid configuration",
                    "runtime.remote.oauth.mode delegation needs runtime.remote.oauth.delegation");
        }
        ClientEndpoints ep = endpoints(DELEGATION);
        String tokenURL = ep.require(ep.tokenURL(), "token endpoint");
        String clientId = ep.require(ep.clientId(), "client id");
        String subject = tokenFrom(d.subjectTokenRef(), "delegation.subjectTokenRef", "subject_token_unresolved");
        String actor = d.actorTokenRef() == null ? null : tokenFrom(d.actorTokenRef(), "delegation.actorTokenRef", "actor_token_unresolved");
        String audience = d.audience() != null ? d.audience() : config.audience();
        return new TokenExchange.Request(tokenURL, clientId, ep.clientSecret(), subject, actor, audience,
                d.scopes() != null && !d.scopes().isEmpty() ? d.scopes() : config.scopes());
    }

    /** providedToken: the token from {@code env:NAME} or {@code file:PATH}, read on every call (it may rotate). */
    private String providedToken() {
        return tokenFrom(config.tokenRef(), "tokenRef", "token_unresolved");
    }

    /** A token from {@code env:NAME} or {@code file:PATH}; errors name the variable or file, never its content. */
    private String tokenFrom(String configured, String field, String code) {
        String ref = configured == null ? "" : configured;
        if (ref.startsWith("env:")) {
            String value = env.get(ref.substring(4));
            if (value == null || value.isBlank()) {
                throw new CliException(ExitCodes.AUTH_REQUIRED, code, "No token",
                        "runtime.remote.oauth." + field + " names environment variable " + ref.substring(4) + ", which is not set");
            }
            return value.strip();
        }
        if (ref.startsWith("file:")) {
            Path path = Path.of(ref.substring(5));
            if (!path.isAbsolute() && baseDir != null) path = baseDir.resolve(path);
            try {
                String value = Files.readString(path, StandardCharsets.UTF_8).strip();
                if (!value.isEmpty()) return value;
            } catch (IOException e) {
                // reported below without the file's content
            }
            throw new CliException(ExitCodes.AUTH_REQUIRED, code, "No token",
                    "runtime.remote.oauth." + field + " names file " + path + ", which is missing, unreadable or empty");
        }
        throw new CliException(ExitCodes.USAGE, "invalid_config", "Invalid configuration",
                "runtime.remote.oauth." + field + " must be env:NAME or file:PATH");
    }

    /** A nested client id/secret reference: env, file or literal. */
    private String secret(String field, SecretConfig ref) {
        String type = ref.type() == null ? "" : ref.type();
        String value = switch (type) {
            case "env" -> ref.value() == null ? null : env.get(ref.value());
            case "literal" -> ref.value();
            case "file" -> {
                Path path = Path.of(ref.value() == null ? "" : ref.value());
                if (!path.isAbsolute() && baseDir != null) path = baseDir.resolve(path);
                try {
                    yield Files.readString(path, StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    yield null;
                }
            }
            default -> throw new CliException(ExitCodes.USAGE, "invalid_config", "Invalid configuration",
                    "runtime.remote.oauth." + field + " has type '" + type + "'; ocli resolves env, file and literal here");
        };
        if (value == null || value.isBlank()) {
            throw new CliException(ExitCodes.AUTH_REQUIRED, "credentials_unresolved", "Credentials unresolved",
                    "runtime.remote.oauth." + field + " (" + type + " " + ref.value() + ") is not set or empty");
        }
        return value;
    }

    private String quietClientSecret() {
        try {
            return config == null || config.client() == null || config.client().clientSecret() == null ? null
                    : secret("client.clientSecret", config.client().clientSecret());
        } catch (CliException e) {
            return null;
        }
    }

    private CliException failure(OAuthClientException e) {
        int exit = e.code().equals("endpoint_missing") || e.code().equals("bad_endpoint") ? ExitCodes.USAGE : ExitCodes.AUTH_REQUIRED;
        String detail = e.getMessage();
        if (e.code().equals("endpoint_missing") && browserConfigProblem != null) detail += " (" + browserConfigProblem + ")";
        return new CliException(exit, e.code(), DELEGATION.equals(mode()) ? "Token exchange failed" : "Sign-in failed", detail);
    }

    private static String text(JsonNode node, String field) {
        return Strings.textOrNull(node.path(field));
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
