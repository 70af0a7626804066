package org.opencli.core.auth;

import java.util.Map;
import java.util.Set;

/**
 * Which {@code iss} a token may carry. A plain {@code issuer} must match exactly. A multi-tenant
 * issuer is a template with {@code {tenantid}} (Entra's public metadata form,
 * {@code https://login.microsoftonline.com/{tenantid}/v2.0}): the token's {@code tid} must be in
 * {@code allowedTenants} and its {@code iss} must equal the template with that {@code tid} put in.
 * There is no "any tenant": a template without tenants is refused at config load.
 */
final class IssuerRule {
    static final String TENANT_PLACEHOLDER = "{tenantid}";

    private final String issuer;
    private final Set<String> allowedTenants;

    IssuerRule(String issuer, Set<String> allowedTenants) {
        this.issuer = issuer;
        this.allowedTenants = allowedTenants == null ? Set.of() : Set.copyOf(allowedTenants);
    }

    boolean templated() {
        return issuer.contains(TENANT_PLACEHOLDER);
    }

    /** The exact issuer smallrye may check, or null when it depends on the token's tenant (checked here). */
    String fixedIssuer() {
        return templated() ? null : issuer;
    }

    /**
     * Checks {@code iss} (and for a template {@code tid}) of a token whose signature verified.
     *
     * @return the token's tenant: its {@code tid} when it is a string, else null
     */
    String check(Map<String, Object> claims) {
        Object tidClaim = claims.get("tid");
        String tid = tidClaim instanceof String s && !s.isBlank() ? s : null;
        if (!templated()) {
            if (!issuer.equals(claims.get("iss"))) {
                throw new TokenRejected(TokenRejected.WRONG_ISSUER, "the token was not issued by " + issuer);
            }
            return tid;
        }
        if (tid == null) {
            throw new TokenRejected(TokenRejected.WRONG_ISSUER, "the token has no 'tid' claim; issuer " + issuer + " needs one");
        }
        if (!allowedTenants.contains(tid)) {
            throw new TokenRejected(TokenRejected.WRONG_ISSUER, "the token's tenant is not among runtime.server.auth.allowedTenants");
        }
        if (!issuer.replace(TENANT_PLACEHOLDER, tid).equals(claims.get("iss"))) {
            throw new TokenRejected(TokenRejected.WRONG_ISSUER, "the token was not issued by " + issuer + " for its own tenant");
        }
        return tid;
    }
}
