package org.opencli.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.security.StringPermission;
import io.quarkus.security.identity.SecurityIdentity;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencli.core.auth.Caller;
import org.opencli.core.auth.ValidatedToken;

/**
 * A caller's identity answers permission checks as {@code @PermissionsAllowed("audit:read")} asks them
 * (a {@link StringPermission} {@code ("audit", "read")}): a token holds exactly its scopes; a caller
 * verified without runtime auth holds them all. The identity carries the caller, never the token.
 */
class CallerIdentitiesTest {

    private static boolean grants(SecurityIdentity identity, String scope) {
        return identity.checkPermission(CallerIdentities.permission(scope)).await().indefinitely();
    }

    @Test
    void aTokenHoldsItsScopesAndNoOthers() {
        ValidatedToken token = new ValidatedToken("carol", "ocli-ci", Set.of("audit:read", "bundle:helpdesk"),
                Instant.now().plusSeconds(60));
        SecurityIdentity identity = CallerIdentities.of(token.caller("term-1", "req-1"), token, "ab".repeat(32));
        assertThat(grants(identity, "audit:read")).isTrue();
        assertThat(identity.checkPermission(new StringPermission("audit", "read")).await().indefinitely()).isTrue();
        assertThat(grants(identity, "runtime:admin")).isFalse();
        assertThat(grants(identity, "audit:write")).isFalse();
        assertThat(identity.getPrincipal().getName()).isEqualTo("carol");
        assertThat(CallerIdentities.caller(identity)).extracting(Caller::sessionId, Caller::requestId)
                .containsExactly("term-1", "req-1");
        assertThat(CallerIdentities.token(identity)).isSameAs(token);
    }

    @Test
    void withoutRuntimeAuthAVerifiedCallerHoldsEveryOperationalScope() {
        SecurityIdentity owner = CallerIdentities.of(new Caller(null, null, null, "req-2", null), null, null);
        assertThat(grants(owner, "audit:read")).isTrue();
        assertThat(grants(owner, "runtime:admin")).isTrue();
        assertThat(CallerIdentities.token(owner)).isNull();
        assertThat(owner.isAnonymous()).isFalse();
    }
}
