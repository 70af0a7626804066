package org.opencli.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencli.core.config.SecretConfig;
import org.opencli.core.config.ServerAuthConfig;
import org.opencli.core.discovery.MutableClock;
import org.opencli.core.discovery.TestHttpServer;

/** oauth2_introspection and the revocation check against a real RFC 7662 endpoint on loopback. */
class IntrospectionValidatorTest {
    static final SecretConfig ID = new SecretConfig("env", "INTROSPECT_ID", null, null, null, null, null, null, null,
            null, null, null, null, null, null);
    static final SecretConfig SECRET = new SecretConfig("env", "INTROSPECT_SECRET", null, null, null, null, null, null,
            null, null, null, null, null, null, null);
    static final Map<String, String> ENV = Map.of("INTROSPECT_ID", "oclird-introspector",
            "INTROSPECT_SECRET", "s3cr:t/with&chars");

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    IntrospectionServer idp;

    @BeforeEach
    void start() throws Exception {
        idp = new IntrospectionServer();
    }

    @AfterEach
    void stop() {
        idp.close();
    }

    TokenValidator validator(Integer cacheSeconds) {
        ServerAuthConfig auth = new ServerAuthConfig("oauth2_introspection", null, null, null, "oclird", idp.url(), ID, SECRET,
                null, null, null, null, null, null, cacheSeconds, null, null, null);
        return TokenValidators.create(auth, s -> ENV.get(s.value()), clock);
    }

    Map<String, Object> active(long expiresInSeconds, Object aud, String scope) {
        return TestKeys.map("active", true, "sub", "u-7", "username", "bob", "client_id", "ocli-ci", "aud", aud,
                "scope", scope, "exp", clock.instant().getEpochSecond() + expiresInSeconds);
    }

    static void rejected(TokenValidator v, String token, String reason) {
        assertThatThrownBy(() -> v.validate(token)).isInstanceOfSatisfying(TokenRejected.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void activeTokenYieldsIdentityAndScopesAndSendsClientSecretBasic() {
        idp.answers.put("opaque-1", active(300, List.of("oclird", "account"), "bundle:upstream audit:read"));
        ValidatedToken valid = validator(null).validate("opaque-1");
        assertThat(valid.principal()).isEqualTo("u-7");
        assertThat(valid.clientId()).isEqualTo("ocli-ci");
        assertThat(valid.scopes()).containsExactlyInAnyOrder("bundle:upstream", "audit:read");
        IntrospectionServer.Seen seen = idp.seen.get(0);
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                "oclird-introspector:s3cr%3At%2Fwith%26chars".getBytes(StandardCharsets.UTF_8));
        assertThat(seen.authorization()).isEqualTo(expected);
        assertThat(seen.form()).containsEntry("token", "opaque-1").containsEntry("token_type_hint", "access_token");
    }

    @Test
    void positiveAnswersAreCachedForTheConfiguredTime() {
        idp.answers.put("t", active(3600, "oclird", "bundle:upstream"));
        TokenValidator v = validator(30);
        v.validate("t");
        v.validate("t");
        assertThat(idp.asked("t")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(31));
        v.validate("t");
        assertThat(idp.asked("t")).isEqualTo(2);
    }

    @Test
    void cacheNeverOutlivesTheTokensExpiry() {
        idp.answers.put("short", active(5, "oclird", "bundle:upstream"));
        TokenValidator v = validator(30);
        v.validate("short");
        clock.advance(Duration.ofSeconds(6));
        idp.answers.put("short", Map.of("active", false));
        rejected(v, "short", TokenRejected.INACTIVE);
        assertThat(idp.asked("short")).isEqualTo(2);
    }

    @Test
    void negativeAnswersAreNeverCached() {
        TokenValidator v = validator(30);
        rejected(v, "revoked-token", TokenRejected.INACTIVE);
        rejected(v, "revoked-token", TokenRejected.INACTIVE);
        assertThat(idp.asked("revoked-token")).isEqualTo(2);
        idp.answers.put("revoked-token", active(300, "oclird", "bundle:upstream"));
        assertThat(v.validate("revoked-token").principal()).isEqualTo("u-7");
    }

    @Test
    void cacheZeroAsksEveryTime() {
        idp.answers.put("t", active(300, "oclird", ""));
        TokenValidator v = validator(0);
        v.validate("t");
        v.validate("t");
        assertThat(idp.asked("t")).isEqualTo(2);
    }

    @Test
    void wrongAudienceAndActiveButExpiredAreRefused() {
        idp.answers.put("aud", active(300, "account", "bundle:upstream"));
        rejected(validator(null), "aud", TokenRejected.WRONG_AUDIENCE);
        idp.answers.put("noaud", TestKeys.map("active", true, "sub", "x"));
        rejected(validator(null), "noaud", TokenRejected.WRONG_AUDIENCE);
        idp.answers.put("old", active(-5, "oclird", "bundle:upstream"));
        rejected(validator(null), "old", TokenRejected.EXPIRED);
    }

    @Test
    void revocationCheckRefusesATokenTheIdpNoLongerConsidersActive() throws Exception {
        TestKeys keys = new TestKeys("rsa-1", "ec-1");
        try (TestHttpServer jwks = new TestHttpServer()) {
            jwks.route("/jwks", TestHttpServer.Reply.ok(TestKeys.jwks(keys.rsa)));
            ServerAuthConfig auth = new ServerAuthConfig("oidc_jwks", null, TestKeys.ISSUER, jwks.url("/jwks"), "oclird",
                    null, null, null, null, null, null, null, null, null, null,
                    new ServerAuthConfig.RevocationCheckConfig(idp.url(), ID, SECRET, 0), null, null);
            TokenValidator v = TokenValidators.create(auth, s -> ENV.get(s.value()), clock);
            String token = keys.rs256(TestKeys.claims(clock.instant()).build());
            idp.answers.put(token, active(300, "oclird", ""));
            assertThat(v.validate(token).principal()).isEqualTo("alice");
            idp.answers.put(token, Map.of("active", false));
            rejected(v, token, TokenRejected.REVOKED);
            assertThat(idp.asked(token)).isEqualTo(2);

            // a bad signature never reaches the introspection endpoint
            String forged = new TestKeys("rsa-1", "ec-1").rs256(TestKeys.claims(clock.instant()).build());
            rejected(v, forged, TokenRejected.BAD_SIGNATURE);
            assertThat(idp.asked(forged)).isZero();
        }
    }

    @Test
    void revocationCheckCachesActiveAnswersForItsCacheSeconds() throws Exception {
        TestKeys keys = new TestKeys("rsa-1", "ec-1");
        try (TestHttpServer jwks = new TestHttpServer()) {
            jwks.route("/jwks", TestHttpServer.Reply.ok(TestKeys.jwks(keys.rsa)));
            ServerAuthConfig auth = new ServerAuthConfig("oidc_jwks", null, TestKeys.ISSUER, jwks.url("/jwks"), "oclird",
                    null, null, null, null, null, null, null, null, null, null,
                    new ServerAuthConfig.RevocationCheckConfig(idp.url(), ID, SECRET, 20), null, null);
            TokenValidator v = TokenValidators.create(auth, s -> ENV.get(s.value()), clock);
            String token = keys.rs256(TestKeys.claims(clock.instant()).build());
            idp.answers.put(token, active(300, "oclird", ""));
            v.validate(token);
            idp.answers.put(token, Map.of("active", false));
            v.validate(token);
            assertThat(idp.asked(token)).isEqualTo(1);
            clock.advance(Duration.ofSeconds(21));
            rejected(v, token, TokenRejected.REVOKED);
        }
    }
}
