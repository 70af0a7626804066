package org.opencli.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencli.core.config.ServerAuthConfig;
import org.opencli.core.error.OcliException;

/** grantMap, the {tenantid} issuer template with allowedTenants, principalClaim and the immutable id, on real signed tokens. */
class IdentityClaimsTest extends JwksOnLoopback {
    static final String TEMPLATE = "https://login.example/{tenantid}/v2.0";
    static final String TENANT_A = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String TENANT_OTHER = "f00dcafe-0000-4000-8000-00000000beef";
    static final Map<String, List<String>> GRANTS = Map.of("Helpdesk.ReadWrite", List.of("bundle:helpdesk"),
            "Runtime.Auditor", List.of("audit:read"), "helpdesk-agents", List.of("bundle:helpdesk", "tool:helpdesk:list"));

    TokenValidator validator(String issuer, List<String> tenants, List<String> scopeClaims, String principalClaim) {
        ServerAuthConfig auth = new ServerAuthConfig("oidc_jwks", null, issuer, idp.url("/jwks"), TestKeys.AUDIENCE,
                null, null, null, null, null, null, null, null, 30, null, null, scopeClaims, null, GRANTS, tenants, principalClaim);
        return TokenValidators.create(auth, s -> { throw new AssertionError("no secrets needed"); }, clock, Duration.ofSeconds(10));
    }

    String entraToken(String tenant, String issuerTenant) {
        return keys.rs256(TestKeys.claims(clock.instant()).issuer(TEMPLATE.replace("{tenantid}", issuerTenant))
                .claim("preferred_username", null).claim("tid", tenant).claim("oid", "oid-adele").subject("pairwise-sub")
                .claim("upn", "adele@contoso.example").claim("scp", "Helpdesk.ReadWrite User.Read")
                .claim("roles", List.of("Runtime.Auditor")).build());
    }

    @Test
    void mappedNamesGiveTheirGrantsFromScpAndEveryScopeClaimWhileUnmappedNamesGiveNothing() {
        ValidatedToken token = validator(TEMPLATE, List.of(TENANT_A), List.of("roles"), "upn").validate(entraToken(TENANT_A, TENANT_A));
        assertThat(token.scopes()).contains("bundle:helpdesk", "audit:read")
                .doesNotContain("tool:helpdesk:list") // helpdesk-agents is not in this token
                .filteredOn(s -> s.contains(":")).containsExactlyInAnyOrder("bundle:helpdesk", "audit:read");
        assertThat(token.principal()).isEqualTo("adele@contoso.example");
        assertThat(token.subjectId()).as("oid, not the pairwise sub").isEqualTo("oid-adele");
        assertThat(token.tenantId()).isEqualTo(TENANT_A);
        Caller caller = token.caller("s", "r");
        assertThat(caller.subjectId()).isEqualTo("oid-adele");
        assertThat(caller.tenantId()).isEqualTo(TENANT_A);
    }

    @Test
    void rolesAreNotReadUnlessScopeClaimsNameThem() {
        ValidatedToken token = validator(TEMPLATE, List.of(TENANT_A), null, null).validate(entraToken(TENANT_A, TENANT_A));
        assertThat(token.scopes()).contains("bundle:helpdesk").doesNotContain("audit:read");
        assertThat(token.principal()).as("no preferred_username: the immutable id").isEqualTo("oid-adele");
    }

    @Test
    void exactRuntimeGrantStringsKeepWorkingBesideTheMap() {
        String token = keys.rs256(TestKeys.claims(clock.instant()).claim("scope", "openid bundle:upstream")
                .claim("groups", List.of("helpdesk-agents")).build());
        ValidatedToken v = validator(TestKeys.ISSUER, null, List.of("groups"), null).validate(token);
        assertThat(v.scopes()).contains("bundle:upstream", "bundle:helpdesk", "tool:helpdesk:list");
        assertThat(v.principal()).isEqualTo("alice");
        assertThat(v.subjectId()).isEqualTo("user-1");
        assertThat(v.tenantId()).isNull();
    }

    @Test
    void aTenantNotAllowedIsRefusedThoughItsSignatureAndIssuerFormAreRight() {
        TokenValidator v = validator(TEMPLATE, List.of(TENANT_A), List.of("roles"), null);
        assertThatThrownBy(() -> v.validate(entraToken(TENANT_OTHER, TENANT_OTHER)))
                .isInstanceOfSatisfying(OcliException.class, e -> assertThat(e.reason()).isEqualTo(TokenRejected.WRONG_ISSUER))
                .hasMessageContaining("allowedTenants").hasMessageNotContaining(TENANT_OTHER);
    }

    @Test
    void theIssuerMustBeTheTemplateWithTheTokensOwnTenant() {
        TokenValidator v = validator(TEMPLATE, List.of(TENANT_A, TENANT_OTHER), null, null);
        // tid says A, but the token came from the other tenant's issuer
        assertThatThrownBy(() -> v.validate(entraToken(TENANT_A, TENANT_OTHER)))
                .isInstanceOfSatisfying(OcliException.class, e -> assertThat(e.reason()).isEqualTo(TokenRejected.WRONG_ISSUER));
        String noTid = keys.rs256(TestKeys.claims(clock.instant()).issuer(TEMPLATE.replace("{tenantid}", TENANT_A)).build());
        assertThatThrownBy(() -> v.validate(noTid))
                .isInstanceOfSatisfying(OcliException.class, e -> assertThat(e.reason()).isEqualTo(TokenRejected.WRONG_ISSUER))
                .hasMessageContaining("no 'tid'");
        assertThat(v.validate(entraToken(TENANT_OTHER, TENANT_OTHER)).tenantId()).isEqualTo(TENANT_OTHER);
    }
}
