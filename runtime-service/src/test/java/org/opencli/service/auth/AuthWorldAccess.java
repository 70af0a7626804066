package org.opencli.service.auth;

import java.util.List;

/** {@link AuthWorld}'s tokens and audit trail for tests outside this package (service.security's). */
public final class AuthWorldAccess {
    private AuthWorldAccess() {
    }

    /** A token AuthWorld's IdP signed for {@code subject} with {@code scope} (space separated). */
    public static String token(String subject, String scope) {
        return AuthWorld.token(subject, scope);
    }

    public static List<String> auditLines() {
        return AuthWorld.auditLines();
    }
}
