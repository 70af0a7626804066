package org.opencli.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencli.core.config.ServerAuthConfig;
import org.opencli.core.discovery.MutableClock;
import org.opencli.core.discovery.TestHttpServer;
import org.opencli.core.error.OcliException;

/** oidc_jwks against a real JWKS endpoint on loopback, with keys and tokens made in the test. */
class JwtValidatorTest extends JwksOnLoopback {
    TokenValidator validator(List<String> scopeClaims) {
        return validator(scopeClaims, clock);
    }

    TokenValidator validator(List<String> scopeClaims, Clock engineClock) {
        ServerAuthConfig auth = new ServerAuthConfig("oidc_jwks", null, TestKeys.ISSUER, idp.url("/jwks"), TestKeys.AUDIENCE,
                null, null, null, null, null, null, null, null, 30, null, null, scopeClaims, null);
        return TokenValidators.create(auth, s -> { throw new AssertionError("no secrets needed"); }, engineClock,
                Duration.ofSeconds(10));
    }

    TokenValidator validator() {
        return validator(null);
    }

    JWTClaimsSet.Builder claims() {
        return TestKeys.claims(clock.instant());
    }

    static void rejected(TokenValidator v, String token, String reason) {
        assertThatThrownBy(() -> v.validate(token)).isInstanceOfSatisfying(TokenRejected.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.code()).isEqualTo("unauthenticated");
            assertThat(e.kind().httpStatus()).isEqualTo(401);
            assertThat(e.detail()).doesNotContain(token);
        });
    }

    @Test
    void rs256TokenYieldsPrincipalClientScopesAndExpiry() {
        String token = keys.rs256(claims().claim("scope", "openid bundle:upstream audit:read").build());
        ValidatedToken valid = validator().validate(token);
        assertThat(valid.principal()).isEqualTo("alice");
        assertThat(valid.clientId()).isEqualTo("ocli-ci");
        assertThat(valid.scopes()).containsExactlyInAnyOrder("openid", "bundle:upstream", "audit:read");
        assertThat(valid.expiresAt()).isEqualTo(clock.instant().plusSeconds(300));
    }

    @Test
    void ps256AndEs256AreAccepted() {
        assertThat(validator().validate(keys.ps256(claims().build())).principal()).isEqualTo("alice");
        assertThat(validator().validate(keys.es256(claims().build())).principal()).isEqualTo("alice");
    }

    @Test
    void principalFallsBackToSubAndClientToClientId() {
        String token = keys.rs256(claims().claim("preferred_username", null).claim("azp", null)
                .claim("client_id", "svc-client").build());
        ValidatedToken valid = validator().validate(token);
        assertThat(valid.principal()).isEqualTo("user-1");
        assertThat(valid.clientId()).isEqualTo("svc-client");
    }

    @Test
    void scpAsArrayAndMappedClaimsCountAsGrants() {
        String token = keys.rs256(claims().claim("scp", List.of("tool:upstream:listTickets"))
                .claim("realm_access", TestKeys.map("roles", List.of("bundle:upstream", "offline_access")))
                .claim("groups", "profile:reader").build());
        ValidatedToken valid = validator(List.of("realm_access.roles", "groups")).validate(token);
        assertThat(valid.scopes()).containsExactlyInAnyOrder("tool:upstream:listTickets", "bundle:upstream",
                "offline_access", "profile:reader");
        assertThat(validator().validate(token).scopes()).containsExactly("tool:upstream:listTickets");
    }

    @Test
    void algNoneIsRefused() {
        rejected(validator(), TestKeys.unsigned(claims().build()), TokenRejected.BAD_SIGNATURE);
    }

    @Test
    void hmacSignedWithThePublicKeyIsRefused() {
        rejected(validator(), keys.hs256WithPublicKey(claims().build()), TokenRejected.BAD_SIGNATURE);
    }

    @Test
    void tamperedSignatureAndPayloadAreRefused() {
        String token = keys.rs256(claims().claim("scope", "tool:upstream:listTickets").build());
        String[] parts = token.split("\\.");
        char c = parts[2].charAt(5);
        String badSig = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 5) + (c == 'A' ? 'B' : 'A') + parts[2].substring(6);
        rejected(validator(), badSig, TokenRejected.BAD_SIGNATURE);
        String widened = keys.rs256(claims().claim("scope", "bundle:upstream").build()).split("\\.")[1];
        rejected(validator(), parts[0] + "." + widened + "." + parts[2], TokenRejected.BAD_SIGNATURE);
    }

    @Test
    void expiredBeyondTheSkewIsRefusedWithinTheSkewAccepted() {
        Instant now = clock.instant();
        String token = keys.rs256(claims().expirationTime(Date.from(now.minusSeconds(10))).build());
        assertThat(validator().validate(token).principal()).isEqualTo("alice");
        clock.advance(Duration.ofSeconds(25));
        rejected(validator(), token, TokenRejected.EXPIRED);
    }

    @Test
    void notYetValidIsRefused() {
        Instant now = clock.instant();
        rejected(validator(), keys.rs256(claims().notBeforeTime(Date.from(now.plusSeconds(120))).build()),
                TokenRejected.NOT_YET_VALID);
        assertThat(validator().validate(keys.rs256(claims().notBeforeTime(Date.from(now.plusSeconds(20))).build())))
                .isNotNull();
    }

    @Test
    void wrongIssuerAndAudienceAreRefused() {
        rejected(validator(), keys.rs256(claims().issuer("https://idp.test/realms/upstream").build()), TokenRejected.WRONG_ISSUER);
        rejected(validator(), keys.rs256(claims().audience("account").build()), TokenRejected.WRONG_AUDIENCE);
        rejected(validator(), keys.rs256(claims().audience((String) null).build()), TokenRejected.WRONG_AUDIENCE);
    }

    @Test
    void audienceArrayContainingOursIsAccepted() {
        String token = keys.rs256(claims().audience(List.of("account", "oclird")).build());
        assertThat(validator().validate(token).principal()).isEqualTo("alice");
    }

    @Test
    void malformedTokensAreMalformed() {
        rejected(validator(), "not-a-jwt", TokenRejected.MALFORMED);
        rejected(validator(), "a.b.c.d.e", TokenRejected.MALFORMED);
        rejected(validator(), "%%%.e30.abc", TokenRejected.MALFORMED);
    }

    @Test
    void tokenWithoutExpiryIsMalformed() {
        rejected(validator(), keys.rs256(claims().expirationTime(null).build()), TokenRejected.MALFORMED);
    }

    @Test
    void keyOfAnotherIssuerIsAnUnknownKey() {
        TestKeys other = new TestKeys("other-rsa", "other-ec");
        rejected(validator(), other.rs256(claims().build()), TokenRejected.UNKNOWN_KEY);
    }

    @Test
    void sameKidButAnotherKeyIsABadSignature() {
        TestKeys impostor = new TestKeys("rsa-1", "ec-1");
        rejected(validator(), impostor.rs256(claims().build()), TokenRejected.BAD_SIGNATURE);
    }

    @Test
    void jwksIsCachedAndRefetchedOnAnUnknownKidSoRotationNeedsNoRestart() {
        TokenValidator v = validator();
        v.validate(keys.rs256(claims().build()));
        v.validate(keys.es256(claims().build()));
        assertThat(idp.count("GET", "/jwks")).isEqualTo(1);

        TestKeys rotated = new TestKeys("rsa-2", "ec-2");
        idp.route("/jwks", TestHttpServer.Reply.ok(TestKeys.jwks(rotated.rsa, keys.rsa)));
        assertThat(v.validate(rotated.rs256(claims().build())).principal()).isEqualTo("alice");
        assertThat(idp.count("GET", "/jwks")).isEqualTo(2);
        v.validate(keys.rs256(claims().build()));
        assertThat(idp.count("GET", "/jwks")).isEqualTo(2);
    }

    @Test
    void unknownKidRefetchesAreRateLimited() {
        TokenValidator v = validator();
        v.validate(keys.rs256(claims().build()));
        TestKeys stranger = new TestKeys("nope-1", "nope-2");
        rejected(v, stranger.rs256(claims().build()), TokenRejected.UNKNOWN_KEY);
        rejected(v, stranger.rs256(claims().build()), TokenRejected.UNKNOWN_KEY);
        rejected(v, stranger.es256(claims().build()), TokenRejected.UNKNOWN_KEY);
        assertThat(idp.count("GET", "/jwks")).isEqualTo(2);

        idp.route("/jwks", TestHttpServer.Reply.ok(TestKeys.jwks(keys.rsa, stranger.rsa)));
        rejected(v, stranger.rs256(claims().build()), TokenRejected.UNKNOWN_KEY);
        clock.advance(Duration.ofSeconds(11));
        assertThat(v.validate(stranger.rs256(TestKeys.claims(clock.instant()).build())).principal()).isEqualTo("alice");
        assertThat(idp.count("GET", "/jwks")).isEqualTo(3);
    }

    @Test
    void unreachableJwksFailsClosed() {
        idp.route("/jwks", TestHttpServer.Reply.status(500));
        assertThatThrownBy(() -> validator().validate(keys.rs256(claims().build())))
                .isInstanceOfSatisfying(OcliException.class, e -> {
                    assertThat(e.code()).isEqualTo("auth_unavailable");
                    assertThat(e.kind().httpStatus()).isEqualTo(502);
                });
    }

    @Test
    void anExpiryBeyondAnyRealTimeIsMalformedNotAServerError() {
        // 1e300 seconds overflows Instant; it must be a refused token (401), not an exception (500)
        rejected(validator(), keys.rs256(claims().claim("exp", 1e300).build()), TokenRejected.MALFORMED);
        rejected(validator(), keys.rs256(claims().claim("exp", -1e300).build()), TokenRejected.MALFORMED);
        rejected(validator(), keys.rs256(claims().claim("nbf", 1e300).build()), TokenRejected.MALFORMED);
    }

    // The tests above run the engine's clock in the past of the wall clock. jose4j, under
    // smallrye-jwt's parser, judges time by the wall clock: these run tokens that are valid by it
    // too, so the whole parser runs, and show the engine's clock decides.

    @Test
    void aTokenValidByTheWallClockTooYieldsTheSameIdentityAndGrants() {
        Instant now = Instant.now();
        String token = keys.rs256(TestKeys.claims(now).claim("scope", "openid bundle:upstream")
                .claim("groups", "profile:reader  audit:read").build());
        ValidatedToken valid = validator(List.of("groups"), Clock.systemUTC()).validate(token);
        assertThat(valid.principal()).isEqualTo("alice");
        assertThat(valid.clientId()).isEqualTo("ocli-ci");
        assertThat(valid.scopes()).containsExactlyInAnyOrder("openid", "bundle:upstream", "profile:reader", "audit:read");
        assertThat(valid.expiresAt()).isEqualTo(now.plusSeconds(300).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void claimsTheParserWouldFrownAtButWeNeverRequiredStayAccepted() {
        // no iat, no sub or preferred_username, a 'groups' object and a 'roleMappings' number
        String token = keys.rs256(TestKeys.claims(Instant.now()).issueTime(null).subject(null)
                .claim("preferred_username", null).claim("groups", TestKeys.map("admin", true))
                .claim("roleMappings", 7).claim("scope", "bundle:upstream").build());
        ValidatedToken valid = validator(List.of("groups"), Clock.systemUTC()).validate(token);
        assertThat(valid.principal()).isNull();
        assertThat(valid.scopes()).containsExactly("bundle:upstream");
    }

    @Test
    void theEnginesClockDecidesExpiryAndNotBeforeNotTheWallClock() {
        Instant now = Instant.now();
        String token = keys.rs256(TestKeys.claims(now).notBeforeTime(Date.from(now)).build());
        rejected(validator(null, new MutableClock(now.plus(Duration.ofDays(1)))), token, TokenRejected.EXPIRED);
        rejected(validator(null, new MutableClock(now.minus(Duration.ofDays(1)))), token, TokenRejected.NOT_YET_VALID);
        assertThat(validator(null, new MutableClock(now)).validate(token).principal()).isEqualTo("alice");
    }

    @Test
    void aTokenNotYetValidByBothClocksIsNotYetValidEvenWithItsExpiryBeforeItsStart() {
        Instant now = Instant.now();
        String token = keys.rs256(TestKeys.claims(now).notBeforeTime(Date.from(now.plusSeconds(3600))).build());
        rejected(validator(null, Clock.systemUTC()), token, TokenRejected.NOT_YET_VALID);
    }

    @Test
    void aSignedPayloadThatIsNotAJsonObjectIsMalformed() throws Exception {
        for (String payload : List.of("[\"alice\"]", "not json", "null")) {
            rejected(validator(), signed(payload), TokenRejected.MALFORMED);
        }
    }

    @Test
    void anAudienceArrayHoldingANonStringIsRefusedByTheParser() throws Exception {
        String payload = "{\"iss\":\"" + TestKeys.ISSUER + "\",\"aud\":[1,\"" + TestKeys.AUDIENCE + "\"],\"exp\":"
                + Instant.now().plusSeconds(300).getEpochSecond() + "}";
        rejected(validator(null, Clock.systemUTC()), signed(payload), TokenRejected.MALFORMED);
        assertThat(validator(null, Clock.systemUTC()).validate(signed(payload.replace("[1,", "["))).scopes()).isEmpty();
    }

    String signed(String payload) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), new Payload(payload));
        jws.sign(new RSASSASigner(keys.rsa));
        return jws.serialize();
    }

    @Test
    void withoutAKidEveryKeyOfTheRightTypeIsTried() throws Exception {
        TestKeys other = new TestKeys("other-rsa", "other-ec");
        idp.route("/jwks", TestHttpServer.Reply.ok(TestKeys.jwks(other.rsa, keys.ec, keys.rsa)));
        String token = TestKeys.sign(JWSAlgorithm.RS256, null, claims().build(), new RSASSASigner(keys.rsa));
        assertThat(validator().validate(token).principal()).isEqualTo("alice");
        String stranger = TestKeys.sign(JWSAlgorithm.RS256, null, claims().build(), new RSASSASigner(new TestKeys("x", "y").rsa));
        rejected(validator(), stranger, TokenRejected.BAD_SIGNATURE);
    }
}
