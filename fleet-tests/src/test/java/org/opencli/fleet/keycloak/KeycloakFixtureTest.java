package org.opencli.fleet.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fixture against the agreed realm content, on the real Keycloak: every grant the auth lanes
 * rely on (client credentials, code + PKCE through the login page, device flow, brokered login),
 * revocation seen by introspection, and key rotation.
 */
class KeycloakFixtureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CORP = KeycloakFixture.CORP;
    private static KeycloakFixture kc;

    @BeforeAll
    static void start() {
        kc = KeycloakFixture.shared();
        System.err.println("keycloak startup: " + kc.startupTime().toMillis() + " ms");
    }

    @Test
    void ciClientGetsTheOclirdAudienceAndItsToolAndAuditScopes() throws Exception {
        SignedJWT token = SignedJWT.parse(kc.clientCredentialsToken(CORP, "ocli-ci", "ocli-ci-secret"));
        assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo(kc.issuer(CORP));
        assertThat(token.getJWTClaimsSet().getAudience()).contains("oclird");
        assertThat(scopes(token)).contains("tool:upstream:listTickets", "tool:upstream:getTicket", "audit:read")
                .doesNotContain("runtime:admin", "bundle:upstream");
        assertThat(token.getJWTClaimsSet().getStringClaim("azp")).isEqualTo("ocli-ci");
        assertThat(token.verify(new RSASSAVerifier(signingKey(token)))).isTrue();
    }

    @Test
    void ciClientMayAskForOptionalOperationalScopes() throws Exception {
        JsonNode response = kc.clientCredentials(CORP, "ocli-ci", "ocli-ci-secret", "runtime:refresh runtime:admin");
        assertThat(scopes(SignedJWT.parse(response.get("access_token").asText())))
                .contains("runtime:refresh", "runtime:admin", "audit:read");
    }

    @Test
    void noAudienceClientsTokenLacksOclird() throws Exception {
        SignedJWT token = SignedJWT.parse(kc.clientCredentialsToken(CORP, "ocli-ci-noaud", "ocli-ci-noaud-secret"));
        List<String> aud = token.getJWTClaimsSet().getAudience();
        assertThat(aud == null ? List.<String>of() : aud).doesNotContain("oclird");
        assertThat(scopes(token)).contains("tool:upstream:listTickets");
    }

    @Test
    void shortClientsTokenExpiresWithinSeconds() throws Exception {
        JsonNode response = kc.clientCredentials(CORP, "ocli-ci-short", kc.clientSecret(CORP, "ocli-ci-short"), null);
        assertThat(response.get("expires_in").asInt()).isBetween(1, 10);
        SignedJWT token = SignedJWT.parse(response.get("access_token").asText());
        Duration lifetime = Duration.between(token.getJWTClaimsSet().getIssueTime().toInstant(),
                token.getJWTClaimsSet().getExpirationTime().toInstant());
        assertThat(lifetime).isLessThanOrEqualTo(Duration.ofSeconds(10)).isPositive();
        assertThat(token.getJWTClaimsSet().getAudience()).contains("oclird");
    }

    @Test
    void secondRealmIssuesItsOwnTokens() throws Exception {
        SignedJWT token = SignedJWT.parse(kc.clientCredentialsToken(KeycloakFixture.UPSTREAM, "upstream-ci", "upstream-ci-secret"));
        assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo(kc.issuer(KeycloakFixture.UPSTREAM));
    }

    @Test
    void wrongSecretIsRefusedWithKeycloaksReason() {
        assertThatThrownBy(() -> kc.clientCredentialsToken(CORP, "ocli-ci", "not-the-secret"))
                .hasMessageContaining("401").hasMessageContaining("unauthorized_client").hasMessageNotContaining("not-the-secret");
    }

    @Test
    void browserLoginWithPkceOnAnyLoopbackPortYieldsTokensForAlice() throws Exception {
        try (LoopbackCallback callback = new LoopbackCallback(); KeycloakBrowser browser = new KeycloakBrowser()) {
            Tokens tokens = codeFlow(callback, browser, null, "alice", "alice-password");
            SignedJWT access = SignedJWT.parse(tokens.getAccessToken().getValue());
            assertThat(access.getJWTClaimsSet().getStringClaim("preferred_username")).isEqualTo("alice");
            assertThat(access.getJWTClaimsSet().getAudience()).contains("oclird");
            assertThat(scopes(access)).contains("bundle:upstream", "audit:read");
            assertThat(tokens.getRefreshToken()).isNotNull();
        }
    }

    @Test
    void wrongPasswordIsReportedByTheBrowser() throws Exception {
        try (LoopbackCallback callback = new LoopbackCallback(); KeycloakBrowser browser = new KeycloakBrowser()) {
            String url = authorizationRequest(callback, new CodeVerifier(), new State()).toURI().toString();
            assertThatThrownBy(() -> browser.login(url, "alice", "wrong-password"))
                    .hasMessageContaining("refused the sign-in of alice").hasMessageNotContaining("wrong-password");
        }
    }

    @Test
    void deviceFlowApprovedInTheBrowserPollsToATokenForAlice() throws Exception {
        HttpResponse<String> started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(kc.deviceEndpoint(CORP)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=ocli&scope=openid")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        JsonNode device = JSON.readTree(started.body());
        assertThat(device.path("verification_uri_complete").asText()).startsWith(kc.issuer(CORP));
        assertThat(device.path("interval").asInt()).as("the realm's device polling interval").isEqualTo(1);
        int interval = device.path("interval").asInt();

        try (KeycloakBrowser browser = new KeycloakBrowser()) {
            CompletableFuture<String> approval = CompletableFuture.supplyAsync(() -> {
                try {
                    return browser.approveDevice(device.get("verification_uri_complete").asText(), "alice", "alice-password");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Map<String, String> poll = Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                    "device_code", device.get("device_code").asText(), "client_id", "ocli");
            Instant deadline = Instant.now().plusSeconds(60);
            JsonNode token = null;
            while (token == null) {
                assertThat(Instant.now()).as("device flow finished in time").isBefore(deadline);
                awaitPollInterval(approval, interval);
                try {
                    token = kc.tokenRequest(CORP, poll);
                } catch (IllegalStateException e) {
                    assertThat(e.getMessage()).containsAnyOf("authorization_pending", "slow_down");
                    if (e.getMessage().contains("slow_down")) interval += 5; // RFC 8628 §3.5
                }
            }
            assertThat(approval.get(30, TimeUnit.SECONDS)).containsIgnoringCase("success");
            SignedJWT access = SignedJWT.parse(token.get("access_token").asText());
            assertThat(access.getJWTClaimsSet().getStringClaim("preferred_username")).isEqualTo("alice");
            assertThat(access.getJWTClaimsSet().getAudience()).contains("oclird");
        }
    }

    @Test
    void bobSignsInThroughTheUpstreamBrokerAndGetsACorpToken() throws Exception {
        try (LoopbackCallback callback = new LoopbackCallback(); KeycloakBrowser browser = new KeycloakBrowser()) {
            Tokens tokens = codeFlow(callback, browser, "upstream", "bob", "bob-password");
            SignedJWT access = SignedJWT.parse(tokens.getAccessToken().getValue());
            assertThat(access.getJWTClaimsSet().getIssuer()).isEqualTo(kc.issuer(CORP));
            assertThat(access.getJWTClaimsSet().getStringClaim("preferred_username")).isEqualTo("bob");
            assertThat(access.getJWTClaimsSet().getAudience()).contains("oclird");
            assertThat(browser.visited()).anyMatch(u -> u.contains("/realms/upstream/"));
        }
    }

    @Test
    void revokedTokensAreInactiveAtIntrospection() throws Exception {
        String ci = kc.clientCredentialsToken(CORP, "ocli-ci", "ocli-ci-secret");
        JsonNode before = kc.introspect(CORP, ci);
        assertThat(before.path("active").asBoolean()).isTrue();
        assertThat(before.path("scope").asText()).contains("audit:read");
        kc.revoke(ci);
        assertThat(kc.introspect(CORP, ci).path("active").asBoolean()).isFalse();

        try (LoopbackCallback callback = new LoopbackCallback(); KeycloakBrowser browser = new KeycloakBrowser()) {
            Tokens tokens = codeFlow(callback, browser, null, "alice", "alice-password");
            String refresh = tokens.getRefreshToken().getValue();
            assertThat(kc.introspect(CORP, refresh).path("active").asBoolean()).isTrue();
            kc.revoke(refresh);
            assertThat(kc.introspect(CORP, refresh).path("active").asBoolean()).isFalse();
            // revoking the refresh token ends the session its access token belongs to
            assertThat(kc.introspect(CORP, tokens.getAccessToken().getValue()).path("active").asBoolean()).isFalse();
        }
    }

    @Test
    void keyRotationSignsNewTokensWithANewKidWhileTheOldKeyStaysPublished() throws Exception {
        SignedJWT before = SignedJWT.parse(kc.clientCredentialsToken(CORP, "ocli-ci", "ocli-ci-secret"));
        String newKid = kc.rotateKeys(CORP);
        SignedJWT after = SignedJWT.parse(kc.clientCredentialsToken(CORP, "ocli-ci", "ocli-ci-secret"));
        assertThat(newKid).isNotEqualTo(before.getHeader().getKeyID());
        assertThat(after.getHeader().getKeyID()).isEqualTo(newKid);
        assertThat(after.verify(new RSASSAVerifier(signingKey(after)))).isTrue();
        assertThat(before.verify(new RSASSAVerifier(signingKey(before)))).as("old key still in the JWKS").isTrue();
    }

    // ---- helpers ---------------------------------------------------------------------------

    /**
     * RFC 8628's polling interval: while the approval is pending, waiting on it (a failed approval
     * ends the wait at once); once approved, the rest of the interval still has to pass, or
     * Keycloak answers slow_down.
     */
    private static void awaitPollInterval(CompletableFuture<String> approval, int seconds) throws Exception {
        try {
            approval.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException pending) {
            return;
        }
        new CompletableFuture<Void>().completeOnTimeout(null, seconds, TimeUnit.SECONDS).join();
    }

    /** Authorization code + PKCE S256 for client ocli, the browser signing in (optionally via an IdP). */
    private static Tokens codeFlow(LoopbackCallback callback, KeycloakBrowser browser, String idp, String user, String password) throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        String url = authorizationRequest(callback, verifier, state).toURI().toString();
        String page = idp == null ? browser.login(url, user, password) : browser.loginVia(url, idp, user, password);
        assertThat(page).contains(LoopbackCallback.PAGE);
        Map<String, String> params = callback.await(Duration.ofSeconds(5));
        assertThat(params).containsEntry("state", state.getValue()).containsKey("code");

        TokenRequest exchange = new TokenRequest(URI.create(kc.tokenEndpoint(CORP)), new ClientID("ocli"),
                new AuthorizationCodeGrant(new AuthorizationCode(params.get("code")), URI.create(callback.redirectUri()), verifier));
        TokenResponse response = OIDCTokenResponseParser.parse(exchange.toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).as(() -> response.toErrorResponse().getErrorObject().toString()).isTrue();
        return response.toSuccessResponse().getTokens();
    }

    private static AuthorizationRequest authorizationRequest(LoopbackCallback callback, CodeVerifier verifier, State state) {
        return new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE), new ClientID("ocli"))
                .endpointURI(URI.create(kc.authorizationEndpoint(CORP)))
                .redirectionURI(URI.create(callback.redirectUri()))
                .scope(new Scope("openid"))
                .state(state)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build();
    }

    private static List<String> scopes(SignedJWT token) throws Exception {
        return List.of(token.getJWTClaimsSet().getStringClaim("scope").split(" "));
    }

    private static RSAKey signingKey(SignedJWT token) throws Exception {
        JWKSet jwks = JWKSet.load(new URL(kc.jwksUri(CORP)));
        assertThat(jwks.getKeyByKeyId(token.getHeader().getKeyID())).as("kid %s in the JWKS", token.getHeader().getKeyID()).isNotNull();
        return jwks.getKeyByKeyId(token.getHeader().getKeyID()).toRSAKey();
    }
}
