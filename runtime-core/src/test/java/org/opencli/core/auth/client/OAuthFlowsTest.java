package org.opencli.core.auth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencli.core.discovery.MutableClock;

/** The client flows against {@link FakeAuthServer}, a real authorization server on loopback. */
class OAuthFlowsTest {
    private FakeAuthServer idp;
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private OAuthFlows flows;

    @BeforeEach
    void start() throws Exception {
        idp = new FakeAuthServer();
        flows = new OAuthFlows(clock, pauses::add, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        idp.close();
    }

    @Test
    void clientCredentialsSendsBasicAuthScopeAndAudience() {
        TokenSet tokens = flows.clientCredentials(idp.endpoints(FakeAuthServer.CLIENT_ID, FakeAuthServer.CLIENT_SECRET));
        assertThat(tokens.accessToken()).isNotBlank();
        assertThat(tokens.principal()).isEqualTo("ocli-ci");
        assertThat(tokens.scopes()).containsExactly("audit:read");
        assertThat(tokens.expiresAt()).isEqualTo(clock.instant().getEpochSecond() + 300);
        assertThat(idp.tokenRequests.get(0)).containsEntry("audience", "oclird").containsEntry("scope", "audit:read");
        assertThat(tokens.toString()).doesNotContain(tokens.accessToken());
    }

    @Test
    void wrongClientSecretIsAClearError() {
        assertThatThrownBy(() -> flows.clientCredentials(idp.endpoints(FakeAuthServer.CLIENT_ID, "wrong")))
                .isInstanceOf(OAuthClientException.class)
                .hasMessageContaining("invalid_client")
                .hasMessageNotContaining("wrong");
    }

    @Test
    void authorizationCodeWithPkceThroughTheLoopbackCallback() {
        List<String> lines = new CopyOnWriteArrayList<>();
        List<String> pages = new CopyOnWriteArrayList<>();
        TokenSet tokens = flows.authorizationCode(idp.endpoints("ocli", null), 0, true, browser(lines, pages), Duration.ofSeconds(20));
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("Open this URL in a browser to sign in: " + idp.url() + "/authorize?")
                .contains("code_challenge_method=S256").contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A").contains("%2Fcallback");
        assertThat(pages).singleElement().asString().contains("you can close this tab");
        assertThat(tokens.principal()).isEqualTo("alice");
        assertThat(tokens.refreshable()).isTrue();
        assertThat(tokens.idToken()).isNotNull();
    }

    @Test
    void stateMismatchIsRefusedBeforeTheCodeIsRedeemed() {
        idp.tamperState = true;
        assertThatThrownBy(() -> flows.authorizationCode(idp.endpoints("ocli", null), 0, true,
                browser(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>()), Duration.ofSeconds(20)))
                .isInstanceOf(OAuthClientException.class)
                .satisfies(e -> assertThat(((OAuthClientException) e).code()).isEqualTo("state_mismatch"));
        assertThat(idp.tokenRequests).isEmpty();
    }

    @Test
    void idTokenWithAnotherNonceIsRefused() {
        idp.tamperNonce = true;
        assertThatThrownBy(() -> flows.authorizationCode(idp.endpoints("ocli", null), 0, true,
                browser(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>()), Duration.ofSeconds(20)))
                .satisfies(e -> assertThat(((OAuthClientException) e).code()).isEqualTo("nonce_mismatch"));
    }

    @Test
    void loginTimesOutWithAClearError() {
        UserPrompt nobody = line -> {};
        assertThatThrownBy(() -> flows.authorizationCode(idp.endpoints("ocli", null), 0, true, nobody, Duration.ofMillis(200)))
                .isInstanceOf(OAuthClientException.class)
                .hasMessageContaining("no sign-in arrived")
                .hasMessageContaining("ocli auth login");
    }

    @Test
    void deviceFlowPollsHonouringIntervalAndSlowDown() {
        idp.deviceAnswers.addAll(List.of("authorization_pending", "slow_down", "authorization_pending"));
        List<String> lines = new CopyOnWriteArrayList<>();
        TokenSet tokens = flows.deviceCode(idp.endpoints("ocli", null), lines::add);
        assertThat(lines).containsExactly(
                "To sign in, visit " + idp.url() + "/activate and enter the code WDJB-MJHT",
                "Or open: " + idp.url() + "/activate?user_code=WDJB-MJHT");
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(6), Duration.ofSeconds(6));
        assertThat(tokens.principal()).isEqualTo("alice");
        assertThat(idp.tokenRequests).allSatisfy(r -> assertThat(r).containsEntry("device_code", "dev-123"));
    }

    @Test
    void deviceFlowStopsOnExpiredTokenAndAccessDenied() {
        idp.deviceAnswers.addAll(List.of("authorization_pending", "expired_token"));
        assertThatThrownBy(() -> flows.deviceCode(idp.endpoints("ocli", null), line -> {}))
                .hasMessageContaining("expired").hasMessageContaining("ocli auth login --device");
        idp.deviceAnswers.add("access_denied");
        assertThatThrownBy(() -> flows.deviceCode(idp.endpoints("ocli", null), line -> {}))
                .satisfies(e -> assertThat(((OAuthClientException) e).code()).isEqualTo("access_denied"));
    }

    @Test
    void deviceFlowGivesUpWhenTheCodeLifetimeRunsOut() {
        idp.deviceAnswers.addAll(List.of("authorization_pending", "authorization_pending", "authorization_pending"));
        OAuthFlows aging = new OAuthFlows(clock, d -> clock.advance(Duration.ofSeconds(301)), Duration.ofSeconds(10));
        assertThatThrownBy(() -> aging.deviceCode(idp.endpoints("ocli", null), line -> {}))
                .satisfies(e -> assertThat(((OAuthClientException) e).code()).isEqualTo("device_code_expired"));
    }

    @Test
    void refreshAndRevoke() {
        TokenSet first = flows.deviceCode(idp.endpoints("ocli", null), line -> {});
        TokenSet refreshed = first.refreshedWith(flows.refresh(idp.endpoints("ocli", null), first.refreshToken()));
        assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(flows.revoke(idp.endpoints("ocli", null), refreshed.refreshToken(), true)).isTrue();
        assertThat(idp.revoked).containsExactly(refreshed.refreshToken());
        assertThatThrownBy(() -> flows.refresh(idp.endpoints("ocli", null), refreshed.refreshToken()))
                .hasMessageContaining("invalid_grant");
    }

    @Test
    void discoveryFindsTheEndpoints() {
        ClientEndpoints found = flows.discover(idp.url() + "/");
        assertThat(found.tokenURL()).isEqualTo(idp.url() + "/token");
        assertThat(found.authorizationURL()).isEqualTo(idp.url() + "/authorize");
        assertThat(found.deviceAuthorizationURL()).isEqualTo(idp.url() + "/device");
        assertThat(found.revocationURL()).isEqualTo(idp.url() + "/revoke");
    }

    /** A "browser": follows the authorization redirect to the loopback callback and keeps the page. */
    private static UserPrompt browser(List<String> lines, List<String> pages) {
        return new UserPrompt() {
            @Override
            public void say(String line) {
                lines.add(line);
            }

            @Override
            public void openBrowser(URI url) {
                HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
                try {
                    pages.add(client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString()).body());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        };
    }
}
