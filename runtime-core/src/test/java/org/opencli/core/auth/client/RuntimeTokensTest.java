package org.opencli.core.auth.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.discovery.MutableClock;

/** The token cache: private files, per runtime and instance, refreshed before expiry on an injected clock. */
class RuntimeTokensTest {
    private static final String RUNTIME = "https://oclird.example/";

    @TempDir
    Path state;
    private FakeAuthServer idp;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private OAuthFlows flows;

    @BeforeEach
    void start() throws Exception {
        idp = new FakeAuthServer();
        idp.expiresIn = 60;
        flows = new OAuthFlows(clock, d -> {}, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        idp.close();
    }

    @Test
    void cacheFilesAre0600InA0700DirectoryPerRuntimeAndUser() throws Exception {
        TokenCache cache = TokenCache.forUser(state);
        RuntimeTokens tokens = new RuntimeTokens(cache, flows, clock);
        tokens.acquire(RUNTIME, "oauthClient", idp.endpoints(FakeAuthServer.CLIENT_ID, FakeAuthServer.CLIENT_SECRET));
        Path file = cache.file(RUNTIME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.directory()))).isEqualTo("rwx------");
        assertThat(Files.readString(file)).doesNotContain(FakeAuthServer.CLIENT_SECRET);
        assertThat(cache.file("https://oclird.example")).isEqualTo(file);
        assertThat(cache.directory()).isEqualTo(state.resolve("auth"));
        assertThat(TokenCache.forUser(state).read(RUNTIME)).as("any project directory of this user finds it").isPresent();
        assertThat(TokenCache.forUser(state.resolve("other-user")).read(RUNTIME)).isEmpty();
        assertThat(cache.read("https://other.example")).isEmpty();
        try (var leftovers = Files.list(cache.directory())) {
            assertThat(leftovers).containsExactly(file);
        }
    }

    @Test
    void refreshesWithTheRefreshTokenShortlyBeforeExpiry() {
        TokenCache cache = TokenCache.forUser(state);
        RuntimeTokens tokens = new RuntimeTokens(cache, flows, clock);
        TokenSet login = flows.deviceCode(idp.endpoints("ocli", null), line -> {});
        tokens.store(RUNTIME, "deviceCode", idp.endpoints("ocli", null), login);

        assertThat(tokens.accessToken(RUNTIME, "deviceCode", null)).contains(login.accessToken());
        int before = idp.tokenRequests.size();
        clock.advance(Duration.ofSeconds(25)); // 35 s left: still outside the 30 s margin
        assertThat(tokens.accessToken(RUNTIME, "deviceCode", null)).contains(login.accessToken());
        assertThat(idp.tokenRequests).hasSize(before);

        clock.advance(Duration.ofSeconds(10)); // 25 s left: refresh now
        String refreshed = tokens.accessToken(RUNTIME, "deviceCode", null).orElseThrow();
        assertThat(refreshed).isNotEqualTo(login.accessToken());
        assertThat(idp.tokenRequests.get(idp.tokenRequests.size() - 1)).containsEntry("grant_type", "refresh_token");
        assertThat(cache.read(RUNTIME).orElseThrow().tokens().accessToken()).isEqualTo(refreshed);
    }

    @Test
    void interactiveModesWithoutARefreshableTokenAskForALogin() {
        idp.issueRefreshTokens = false;
        TokenCache cache = TokenCache.forUser(state);
        RuntimeTokens tokens = new RuntimeTokens(cache, flows, clock);
        TokenSet login = flows.deviceCode(idp.endpoints("ocli", null), line -> {});
        tokens.store(RUNTIME, "browserLogin", idp.endpoints("ocli", null),
                new TokenSet(login.accessToken(), null, null, login.expiresAt(), login.scopes(), login.principal()));
        clock.advance(Duration.ofSeconds(61));
        assertThat(tokens.accessToken(RUNTIME, "browserLogin", null)).isEmpty();
    }

    @Test
    void renewReplacesATokenTheRuntimeRefusedEvenBeforeItsExpiry() {
        TokenCache cache = TokenCache.forUser(state);
        RuntimeTokens tokens = new RuntimeTokens(cache, flows, clock);
        TokenSet login = flows.deviceCode(idp.endpoints("ocli", null), line -> {});
        tokens.store(RUNTIME, "deviceCode", idp.endpoints("ocli", null), login);
        assertThat(tokens.renew(RUNTIME, "deviceCode", null)).isTrue();
        assertThat(tokens.accessToken(RUNTIME, "deviceCode", null)).isPresent().get().isNotEqualTo(login.accessToken());
        idp.revoked.add(cache.read(RUNTIME).orElseThrow().tokens().refreshToken());
        assertThat(tokens.renew(RUNTIME, "deviceCode", null)).isFalse();
    }

    @Test
    void aCorruptCacheFileCountsAsNoSignIn() throws Exception {
        TokenCache cache = TokenCache.forUser(state);
        Files.createDirectories(cache.directory());
        Files.writeString(cache.file(RUNTIME), "{not json");
        assertThat(cache.read(RUNTIME)).isEmpty();
        assertThat(new RuntimeTokens(cache, flows, clock).accessToken(RUNTIME, "deviceCode", null)).isEmpty();
        assertThat(cache.delete(RUNTIME)).isTrue();
    }

    @Test
    void clientCredentialsAreReacquiredNonInteractively() {
        TokenCache cache = TokenCache.forUser(state);
        RuntimeTokens tokens = new RuntimeTokens(cache, flows, clock);
        ClientEndpoints ep = idp.endpoints(FakeAuthServer.CLIENT_ID, FakeAuthServer.CLIENT_SECRET);
        String first = tokens.accessToken(RUNTIME, "oauthClient", ep).orElseThrow();
        assertThat(tokens.accessToken(RUNTIME, "oauthClient", ep)).contains(first);
        clock.advance(Duration.ofSeconds(45));
        String second = tokens.accessToken(RUNTIME, "oauthClient", ep).orElseThrow();
        assertThat(second).isNotEqualTo(first);
        assertThat(idp.tokenRequests).extracting(r -> r.get("grant_type")).containsExactly("client_credentials", "client_credentials");
    }
}
