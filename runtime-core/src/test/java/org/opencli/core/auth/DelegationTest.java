package org.opencli.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencli.core.config.ServerAuthConfig;

/** RFC 8693 {@code act} chains through a real oidc_jwks validator (JWKS on loopback, tokens signed here). */
class DelegationTest extends JwksOnLoopback {
    TokenValidator validator(ServerAuthConfig.DelegationConfig delegation) {
        ServerAuthConfig auth = new ServerAuthConfig("oidc_jwks", null, TestKeys.ISSUER, idp.url("/jwks"), TestKeys.AUDIENCE,
                null, null, null, null, null, null, null, null, 30, null, null, null, null, delegation);
        return TokenValidators.create(auth, s -> { throw new AssertionError("no secrets needed"); }, clock,
                Duration.ofSeconds(10));
    }

    String token(Object act, String scope) {
        var b = TestKeys.claims(clock.instant()).claim("scope", scope);
        if (act != null) b.claim("act", act);
        return keys.rs256(b.build());
    }

    static final ServerAuthConfig.DelegationConfig ACTORS = new ServerAuthConfig.DelegationConfig(Map.of(
            "triage-bot", List.of("bundle:tickets", "audit:read"),
            "orchestrator", List.of("bundle:tickets", "bundle:billing", "audit:read")), null);

    @Test
    void nestedActChainIsReadCurrentActorFirstAndBoundedByEveryActor() {
        Object act = TestKeys.map("sub", "triage-bot", "act", TestKeys.map("client_id", "orchestrator"));
        ValidatedToken valid = validator(ACTORS).validate(token(act, "bundle:tickets bundle:billing audit:read runtime:refresh"));

        assertThat(valid.principal()).isEqualTo("alice");
        assertThat(valid.actors()).containsExactly("triage-bot", "orchestrator");
        Caller caller = valid.caller("s", "r");
        assertThat(caller.actors()).containsExactly("triage-bot", "orchestrator");
        assertThat(caller.holds("audit:read")).isTrue();
        assertThat(caller.holds("runtime:refresh")).as("the user holds it, no actor may").isFalse();
        assertThat(caller.delegation().allows("bundle:billing")).as("the current actor may not").isFalse();
        assertThat(caller.holds("bundle:tickets")).isTrue();
    }

    @Test
    void unknownActorGetsNothing() {
        ValidatedToken valid = validator(ACTORS).validate(token(TestKeys.map("sub", "stranger"), "bundle:tickets audit:read"));
        Caller caller = valid.caller(null, null);
        assertThat(caller.actors()).containsExactly("stranger");
        assertThat(caller.holds("bundle:tickets")).isFalse();
        assertThat(caller.holds("audit:read")).isFalse();
    }

    @Test
    void actWithoutDelegationConfigIsRefused() {
        String token = token(TestKeys.map("sub", "triage-bot"), "bundle:tickets");
        assertThatThrownBy(() -> validator(null).validate(token)).isInstanceOfSatisfying(TokenRejected.class, e -> {
            assertThat(e.reason()).isEqualTo(TokenRejected.DELEGATION_NOT_ACCEPTED);
            assertThat(e.kind().httpStatus()).isEqualTo(401);
            assertThat(e.detail()).doesNotContain(token).doesNotContain("triage-bot");
        });
    }

    @Test
    void tokenWithoutActIsUntouched() {
        ValidatedToken valid = validator(ACTORS).validate(token(null, "bundle:billing"));
        assertThat(valid.delegation()).isNull();
        assertThat(valid.caller(null, null).holds("bundle:billing")).isTrue();
        assertThat(valid.caller(null, null).actors()).isNull();
    }

    @Test
    void azpAsActorTreatsANamedClientAsTheActor() {
        var config = new ServerAuthConfig.DelegationConfig(Map.of("ocli-ci", List.of("bundle:tickets")), true);
        ValidatedToken valid = validator(config).validate(token(null, "bundle:tickets bundle:billing"));
        assertThat(valid.clientId()).isEqualTo("ocli-ci");
        assertThat(valid.actors()).containsExactly("ocli-ci");
        assertThat(valid.caller(null, null).holds("bundle:billing")).isFalse();
        assertThat(valid.caller(null, null).holds("bundle:tickets")).isTrue();

        var otherClient = new ServerAuthConfig.DelegationConfig(Map.of("agent", List.of("bundle:tickets")), true);
        assertThat(validator(otherClient).validate(token(null, "bundle:billing")).delegation())
                .as("a client the config does not name is no actor").isNull();
        var off = new ServerAuthConfig.DelegationConfig(Map.of("ocli-ci", List.of("bundle:tickets")), null);
        assertThat(validator(off).validate(token(null, "bundle:billing")).delegation()).isNull();
    }

    @Test
    void malformedChainsAreRefused() {
        TokenValidator v = validator(ACTORS);
        Object deep = TestKeys.map("sub", "a6");
        for (int i = 5; i >= 1; i--) deep = TestKeys.map("sub", "a" + i, "act", deep);
        for (Object act : List.of("triage-bot", TestKeys.map("iss", "x"), TestKeys.map("sub", "x".repeat(257)), deep)) {
            String token = token(act, "bundle:tickets");
            assertThatThrownBy(() -> v.validate(token)).isInstanceOfSatisfying(TokenRejected.class,
                    e -> assertThat(e.reason()).isEqualTo(TokenRejected.MALFORMED));
        }
        Object five = TestKeys.map("sub", "a5");
        for (int i = 4; i >= 1; i--) five = TestKeys.map("sub", "a" + i, "act", five);
        assertThat(v.validate(token(five, "bundle:tickets")).actors()).containsExactly("a1", "a2", "a3", "a4", "a5");
    }

    @Test
    void unresolvedChainAllowsNothing() {
        DelegationChain chain = DelegationChain.unresolved(List.of("x"));
        assertThat(chain.allows("bundle:tickets")).isFalse();
        assertThat(new DelegationChain(List.of("x"), List.of(Set.of("bundle:tickets"))).allows("bundle:tickets")).isTrue();
    }
}
