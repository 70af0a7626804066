package org.opencli.service.auth;

import java.util.List;
import org.opencli.core.auth.TokenRejected;

/** {@code WWW-Authenticate} values (RFC 6750 §3) for 401 and 403 answers; never contain the token. */
public final class AuthChallenges {
    private AuthChallenges() {
    }

    /** {@code Bearer realm="oclird"}, plus {@code error="invalid_token"} unless no token was sent. */
    public static String unauthenticated(String reason) {
        return TokenRejected.MISSING.equals(reason) ? "Bearer realm=\"oclird\"" : "Bearer realm=\"oclird\", error=\"invalid_token\"";
    }

    /** {@code Bearer error="insufficient_scope", scope="<alternatives, space separated>"}. */
    public static String insufficientScope(List<String> scopes) {
        return "Bearer error=\"insufficient_scope\", scope=\"" + String.join(" ", scopes) + "\"";
    }

    /** From a problem's {@code requiredScope} ("a or b"). */
    public static String insufficientScope(String requiredScope) {
        return insufficientScope(requiredScope == null ? List.of() : List.of(requiredScope.split(" or ")));
    }
}
