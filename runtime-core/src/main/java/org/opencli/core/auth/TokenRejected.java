package org.opencli.core.auth;

import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/**
 * A bearer token the runtime refuses: 401 {@code unauthenticated} with one of the agreed reasons
 * ({@code missing, malformed, expired, not_yet_valid, bad_signature, wrong_issuer, wrong_audience,
 * revoked, unknown_key, inactive}, {@code delegation_not_accepted} (ours), and {@code wrong_client_key} for a local daemon's owner key). The detail never contains the token or any of its claims' values
 * beyond what the caller already configured (issuer, audience).
 */
public final class TokenRejected extends OcliException {
    public static final String CODE = "unauthenticated";

    public static final String MISSING = "missing";
    public static final String MALFORMED = "malformed";
    public static final String EXPIRED = "expired";
    public static final String NOT_YET_VALID = "not_yet_valid";
    public static final String BAD_SIGNATURE = "bad_signature";
    public static final String WRONG_ISSUER = "wrong_issuer";
    public static final String WRONG_AUDIENCE = "wrong_audience";
    public static final String REVOKED = "revoked";
    public static final String UNKNOWN_KEY = "unknown_key";
    public static final String INACTIVE = "inactive";
    /** A local daemon without runtime auth was sent a bearer that is not its owner key. */
    public static final String WRONG_CLIENT_KEY = "wrong_client_key";
    /** Ours: the token carries an RFC 8693 {@code act} claim and the runtime has no delegation config. */
    public static final String DELEGATION_NOT_ACCEPTED = "delegation_not_accepted";

    public TokenRejected(String reason, String detail) {
        super(ErrorKind.UNAUTHORIZED, CODE, "Unauthenticated", detail);
        withAuthDetail(reason, null);
    }
}
