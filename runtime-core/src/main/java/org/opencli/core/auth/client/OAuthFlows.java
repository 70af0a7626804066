package org.opencli.core.auth.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencli.core.json.Json;
import org.opencli.core.text.Strings;

/**
 * The OAuth 2 / OIDC client flows, on the Nimbus SDK: client credentials, authorization code with
 * PKCE S256 (state and nonce checked, loopback redirect), device authorization (RFC 8628), refresh,
 * revocation (RFC 7009) and issuer discovery. Blocking; errors are {@link OAuthClientException}s
 * that never carry a token or secret.
 */
public final class OAuthFlows {
    /** RFC 8628 §3.5: on {@code slow_down} the interval grows by 5 seconds. */
    public static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);
    private static final Duration DEFAULT_DEVICE_INTERVAL = Duration.ofSeconds(5);

    private final Clock clock;
    private final Pacer pacer;
    private final Duration httpTimeout;

    public OAuthFlows(Clock clock, Pacer pacer, Duration httpTimeout) {
        this.clock = clock;
        this.pacer = pacer;
        this.httpTimeout = httpTimeout;
    }

    public static OAuthFlows standard() {
        return new OAuthFlows(Clock.systemUTC(), Pacer.sleeping(), Duration.ofSeconds(30));
    }

    public TokenSet clientCredentials(ClientEndpoints ep) {
        ep.require(ep.clientSecret(), "client secret");
        return expectTokens(ep, new ClientCredentialsGrant(), scope(ep.scopes(), false));
    }

    public TokenSet refresh(ClientEndpoints ep, String refreshToken) {
        return expectTokens(ep, new RefreshTokenGrant(new RefreshToken(refreshToken)), null);
    }

    /**
     * Authorization code + PKCE S256: listens on 127.0.0.1:{@code callbackPort}/callback (0 = any free
     * port), shows the authorization URL, waits up to {@code loginTimeout} for the redirect, checks
     * state (and the id token's nonce), then redeems the code with the verifier.
     */
    public TokenSet authorizationCode(ClientEndpoints ep, int callbackPort, boolean openId, UserPrompt prompt,
                                      Duration loginTimeout) {
        return authorizationCode(ep, URI.create("http://127.0.0.1:" + callbackPort + LoopbackReceiver.PATH), openId, prompt, loginTimeout);
    }

    /** As above, listening at a configured loopback redirect URI (its port and path; port 0 = ephemeral). */
    public TokenSet authorizationCode(ClientEndpoints ep, URI redirectTemplate, boolean openId, UserPrompt prompt,
                                      Duration loginTimeout) {
        URI authorizationEndpoint = uri(ep.require(ep.authorizationURL(), "authorization endpoint"), "authorization endpoint");
        ep.require(ep.tokenURL(), "token endpoint");
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        Nonce nonce = new Nonce();
        try (LoopbackReceiver receiver = LoopbackReceiver.start(redirectTemplate)) {
            URI redirect = receiver.redirectUri();
            AuthorizationRequest.Builder request = new AuthorizationRequest.Builder(ResponseType.CODE, clientId(ep))
                    .endpointURI(authorizationEndpoint)
                    .redirectionURI(redirect)
                    .state(state)
                    .codeChallenge(verifier, CodeChallengeMethod.S256)
                    .customParameter("nonce", nonce.getValue());
            Scope scope = scope(ep.scopes(), openId);
            if (scope != null) request.scope(scope);
            URI url = request.build().toURI();
            prompt.say("Open this URL in a browser to sign in: " + url);
            prompt.openBrowser(url);
            URI callback = receiver.await(loginTimeout);
            AuthorizationCode code = codeFrom(callback, state);
            TokenSet tokens = expectTokens(ep, new AuthorizationCodeGrant(code, redirect, verifier), null);
            checkNonce(tokens.idToken(), nonce);
            return tokens;
        }
    }

    /** RFC 8628: shows the verification URI and user code, then polls the token endpoint. */
    public TokenSet deviceCode(ClientEndpoints ep, UserPrompt prompt) {
        URI deviceEndpoint = uri(ep.require(ep.deviceAuthorizationURL(), "device authorization endpoint"),
                "device authorization endpoint");
        ep.require(ep.tokenURL(), "token endpoint");
        Scope scope = scope(ep.scopes(), false);
        DeviceAuthorizationRequest request = ep.clientSecret() == null
                ? new DeviceAuthorizationRequest(deviceEndpoint, clientId(ep), scope)
                : new DeviceAuthorizationRequest(deviceEndpoint, clientAuth(ep), scope, Map.of());
        DeviceAuthorizationSuccessResponse started;
        try {
            DeviceAuthorizationResponse response = DeviceAuthorizationResponse.parse(send(request.toHTTPRequest(), "device authorization endpoint"));
            if (!response.indicatesSuccess()) {
                throw refused("device authorization endpoint", response.toErrorResponse().getErrorObject());
            }
            started = response.toSuccessResponse();
        } catch (ParseException e) {
            throw new OAuthClientException("bad_idp_response", "the device authorization endpoint answered something that is not a device authorization response");
        }
        prompt.say("To sign in, visit " + started.getVerificationURI() + " and enter the code " + started.getUserCode().getValue());
        if (started.getVerificationURIComplete() != null) prompt.say("Or open: " + started.getVerificationURIComplete());
        Duration interval = started.getInterval() > 0 ? Duration.ofSeconds(started.getInterval()) : DEFAULT_DEVICE_INTERVAL;
        Instant deadline = started.getLifetime() > 0 ? clock.instant().plusSeconds(started.getLifetime()) : null;
        DeviceCodeGrant grant = new DeviceCodeGrant(started.getDeviceCode());
        while (true) {
            try {
                pacer.pause(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OAuthClientException("login_interrupted", "sign-in was interrupted");
            }
            if (deadline != null && clock.instant().isAfter(deadline)) throw expired();
            TokenResponse response = tokenResponse(ep, grant, null);
            if (response.indicatesSuccess()) return tokensOf(response.toSuccessResponse());
            ErrorObject error = response.toErrorResponse().getErrorObject();
            String code = error == null || error.getCode() == null ? "" : error.getCode();
            switch (code) {
                case "authorization_pending" -> {}
                case "slow_down" -> interval = interval.plus(SLOW_DOWN_STEP);
                case "expired_token" -> throw expired();
                case "access_denied" -> throw new OAuthClientException("access_denied",
                        "the sign-in was denied at the identity provider");
                default -> throw refused("token endpoint", error);
            }
        }
    }

    /** RFC 7009: asks the IdP to revoke {@code token}; false when it refused or was unreachable. */
    public boolean revoke(ClientEndpoints ep, String token, boolean isRefreshToken) {
        if (ep.revocationURL() == null || token == null) return false;
        URI endpoint = uri(ep.revocationURL(), "revocation endpoint");
        com.nimbusds.oauth2.sdk.token.Token t = isRefreshToken ? new RefreshToken(token)
                : new com.nimbusds.oauth2.sdk.token.BearerAccessToken(token);
        TokenRevocationRequest request = ep.clientSecret() == null
                ? new TokenRevocationRequest(endpoint, clientId(ep), t)
                : new TokenRevocationRequest(endpoint, clientAuth(ep), t);
        try {
            return send(request.toHTTPRequest(), "revocation endpoint").indicatesSuccess();
        } catch (OAuthClientException e) {
            return false;
        }
    }

    /** OIDC discovery: the endpoints {@code <issuer>/.well-known/openid-configuration} names. */
    public ClientEndpoints discover(String issuer) {
        String url = issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
        HTTPResponse response = send(new HTTPRequest(HTTPRequest.Method.GET, uri(url, "issuer")), "OIDC discovery " + url);
        if (!response.indicatesSuccess()) {
            throw new OAuthClientException("discovery_failed", "OIDC discovery " + url + " answered " + response.getStatusCode());
        }
        try {
            JsonNode doc = Json.MAPPER.readTree(response.getBody() == null ? "" : response.getBody());
            return new ClientEndpoints(issuer, text(doc, "authorization_endpoint"), text(doc, "token_endpoint"),
                    text(doc, "device_authorization_endpoint"), text(doc, "revocation_endpoint"), null, null, null, null);
        } catch (IOException e) {
            throw new OAuthClientException("discovery_failed", "OIDC discovery " + url + " did not answer JSON");
        }
    }

    private static String text(JsonNode doc, String field) {
        return Strings.textOrNull(doc.path(field));
    }

    private TokenSet expectTokens(ClientEndpoints ep, AuthorizationGrant grant, Scope scope) {
        TokenResponse response = tokenResponse(ep, grant, scope);
        if (!response.indicatesSuccess()) throw refused("token endpoint", response.toErrorResponse().getErrorObject());
        return tokensOf(response.toSuccessResponse());
    }

    private TokenResponse tokenResponse(ClientEndpoints ep, AuthorizationGrant grant, Scope scope) {
        URI endpoint = uri(ep.require(ep.tokenURL(), "token endpoint"), "token endpoint");
        Map<String, List<String>> custom = ep.audience() == null || grant instanceof RefreshTokenGrant
                ? Map.of() : Map.of("audience", List.of(ep.audience()));
        TokenRequest request = ep.clientSecret() == null
                ? new TokenRequest(endpoint, clientId(ep), grant, scope, null, null, custom)
                : new TokenRequest(endpoint, clientAuth(ep), grant, scope, null, custom);
        try {
            return TokenResponse.parse(send(request.toHTTPRequest(), "token endpoint " + endpoint));
        } catch (ParseException e) {
            throw new OAuthClientException("bad_idp_response", "the token endpoint " + endpoint + " answered something that is not a token response");
        }
    }

    private TokenSet tokensOf(AccessTokenResponse success) {
        AccessToken access = success.getTokens().getAccessToken();
        RefreshToken refresh = success.getTokens().getRefreshToken();
        Object id = success.getCustomParameters().get("id_token");
        String idToken = id instanceof String s ? s : null;
        long expiresAt = access.getLifetime() > 0 ? clock.instant().getEpochSecond() + access.getLifetime() : 0;
        List<String> scopes = access.getScope() != null ? access.getScope().toStringList() : UnverifiedClaims.scopes(access.getValue());
        return new TokenSet(access.getValue(), refresh == null ? null : refresh.getValue(), idToken, expiresAt,
                scopes, UnverifiedClaims.principal(access.getValue(), idToken));
    }

    private static AuthorizationCode codeFrom(URI callback, State expected) {
        AuthorizationResponse response;
        try {
            response = AuthorizationResponse.parse(callback);
        } catch (ParseException e) {
            throw new OAuthClientException("login_failed", "the login callback carried neither a code nor an error");
        }
        if (response.getState() == null || !expected.equals(response.getState())) {
            throw new OAuthClientException("state_mismatch", "the login callback's state does not match this sign-in "
                    + "(possible cross-site request forgery); nothing was accepted; run 'ocli auth login' again");
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            throw new OAuthClientException("login_failed", "the identity provider refused the sign-in: " + describe(error));
        }
        return response.toSuccessResponse().getAuthorizationCode();
    }

    private static void checkNonce(String idToken, Nonce expected) {
        if (idToken == null) return; // no id token (plain OAuth 2): nothing carries a nonce
        JWTClaimsSet claims = UnverifiedClaims.of(idToken);
        Object nonce = claims == null ? null : claims.getClaim("nonce");
        if (!expected.getValue().equals(nonce)) {
            throw new OAuthClientException("nonce_mismatch", "the id token's nonce does not match this sign-in; nothing was accepted");
        }
    }

    private HTTPResponse send(HTTPRequest request, String what) {
        request.setConnectTimeout((int) httpTimeout.toMillis());
        request.setReadTimeout((int) httpTimeout.toMillis());
        try {
            return request.send();
        } catch (IOException e) {
            throw new OAuthClientException("idp_unreachable", "cannot reach the " + what + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static ClientID clientId(ClientEndpoints ep) {
        return new ClientID(ep.require(ep.clientId(), "client id"));
    }

    private static ClientAuthentication clientAuth(ClientEndpoints ep) {
        return new ClientSecretBasic(clientId(ep), new Secret(ep.clientSecret()));
    }

    private static Scope scope(List<String> scopes, boolean openId) {
        List<String> all = new ArrayList<>();
        if (openId) all.add("openid");
        for (String s : scopes) if (!all.contains(s)) all.add(s);
        return all.isEmpty() ? null : new Scope(all.toArray(String[]::new));
    }

    private static URI uri(String value, String what) {
        try {
            URI u = URI.create(value);
            if (u.getScheme() == null || u.getHost() == null) throw new IllegalArgumentException();
            return u;
        } catch (IllegalArgumentException e) {
            throw new OAuthClientException("bad_endpoint", "the " + what + " '" + value + "' is not an http(s) URL");
        }
    }

    private static OAuthClientException expired() {
        return new OAuthClientException("device_code_expired",
                "the device code expired before the sign-in was approved; run 'ocli auth login --device' again");
    }

    private static OAuthClientException refused(String what, ErrorObject error) {
        return new OAuthClientException("token_request_failed", "the " + what + " refused the request: " + describe(error));
    }

    private static String describe(ErrorObject error) {
        if (error == null) return "no error detail";
        String text = error.getCode() == null ? "HTTP " + error.getHTTPStatusCode() : error.getCode();
        return error.getDescription() == null ? text : text + " (" + error.getDescription() + ")";
    }
}
