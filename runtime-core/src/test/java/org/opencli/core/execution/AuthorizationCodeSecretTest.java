package org.opencli.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.auth.client.FakeAuthServer;
import org.opencli.core.error.OcliException;
import org.opencli.core.secrets.InteractiveAuthorizer;

/**
 * Upstream oauth2 {@code authorizationCode} secrets (PKCE, loopback callback) end to end through the
 * engine against a real loopback authorization server: interactive sign-in only when allowed and
 * possible, then cached (0600) and refreshed without a person; otherwise credentials_unresolved.
 */
class AuthorizationCodeSecretTest {
    @TempDir
    Path dir;
    ExecFixture f;
    FakeAuthServer idp;
    final List<URI> presented = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        f = new ExecFixture(dir);
        idp = new FakeAuthServer();
    }

    @AfterEach
    void tearDown() {
        f.close();
        idp.close();
    }

    private void secret(String extra) {
        f.config("\"secrets\": {\"cc\": {\"type\": \"oauth2\", \"mode\": \"authorizationCode\","
                + " \"authorizationURL\": \"" + idp.url() + "/authorize\", \"tokenURL\": \"" + idp.url() + "/token\","
                + " \"clientId\": {\"type\": \"literal\", \"value\": \"upstream-app\"}" + extra + "}}");
    }

    /** A "person at a browser": follows the authorization redirect to the engine's loopback callback. */
    private InteractiveAuthorizer browser() {
        return (name, url) -> {
            presented.add(url);
            try {
                HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                        .send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
    }

    @Test
    void signsInOnceThenUsesTheCachedTokenAndRefreshesItBeforeExpiry() throws Exception {
        secret(", \"interactive\": true, \"redirectURI\": \"http://127.0.0.1:0/oauth/cb\"");
        f.authorizer = browser();
        f.run(f.call("exec:oauthOnly"));
        assertThat(presented).singleElement().asString().contains("code_challenge_method=S256")
                .contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A").contains("%2Foauth%2Fcb");
        String first = f.server.last().header("Authorization");
        assertThat(first).startsWith("Bearer ey");

        f.run(f.call("exec:oauthOnly"));
        assertThat(presented).hasSize(1);
        assertThat(f.server.last().header("Authorization")).isEqualTo(first);

        f.clock.advance(Duration.ofSeconds(280)); // 20 s left of 300: refresh now, no person needed
        f.run(f.call("exec:oauthOnly"));
        assertThat(presented).hasSize(1);
        assertThat(idp.tokenRequests).extracting(r -> r.get("grant_type")).containsExactly("authorization_code", "refresh_token");
        assertThat(f.server.last().header("Authorization")).isNotEqualTo(first);

        try (Stream<Path> files = Files.list(dir.resolve("state/instances/t1/tokens"))) {
            Path stored = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored))).isEqualTo("rw-------");
        }
        assertThat(f.auditText()).doesNotContain(first.substring(7));
    }

    @Test
    void notInteractiveAndNothingCachedIsUnresolvedWithAHint() {
        secret("");
        f.authorizer = browser();
        OcliException e = f.failure(f.call("exec:oauthOnly"));
        assertThat(e.code()).isEqualTo("credentials_unresolved");
        assertThat(e.detail()).contains("scheme 'cc'").contains("secret 'cc'").contains("\"interactive\": true").contains("sign in");
        assertThat(presented).isEmpty();
        assertThat(f.server.seen).isEmpty();
    }

    @Test
    void interactiveWithoutAnAuthorizerIsUnresolved() {
        secret(", \"interactive\": true");
        OcliException e = f.failure(f.call("exec:oauthOnly"));
        assertThat(e.code()).isEqualTo("credentials_unresolved");
        assertThat(e.detail()).contains("secret 'cc'").contains("ocli --embedded on a terminal");
        assertThat(idp.tokenRequests).isEmpty();
        assertThat(f.server.seen).isEmpty();
    }

    @Test
    void stateMismatchIsRefusedAndNothingIsSent() {
        secret(", \"interactive\": true, \"tokenStorage\": \"memory\"");
        f.authorizer = browser();
        idp.tamperState = true;
        OcliException e = f.failure(f.call("exec:oauthOnly"));
        assertThat(e.code()).isEqualTo("credentials_unresolved");
        assertThat(e.detail()).contains("state does not match");
        assertThat(idp.tokenRequests).isEmpty();
        assertThat(f.server.seen).isEmpty();
    }

    @Test
    void memoryStorageWritesNoFile() {
        secret(", \"interactive\": true, \"tokenStorage\": \"memory\"");
        f.authorizer = browser();
        f.run(f.call("exec:oauthOnly"));
        assertThat(f.server.last().header("Authorization")).startsWith("Bearer ");
        assertThat(dir.resolve("state/instances/t1/tokens")).doesNotExist();
    }
}
