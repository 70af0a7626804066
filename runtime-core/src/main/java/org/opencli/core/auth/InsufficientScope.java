package org.opencli.core.auth;

import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/**
 * 403 {@code insufficient_scope}: the token is valid but its grants do not cover the call.
 * {@code requiredScope} names what would allow it (alternatives joined by " or ").
 */
public final class InsufficientScope extends OcliException {
    public static final String CODE = "insufficient_scope";

    public InsufficientScope(String requiredScope, String detail) {
        super(ErrorKind.FORBIDDEN, CODE, "Insufficient scope", detail);
        withAuthDetail(null, requiredScope);
    }
}
