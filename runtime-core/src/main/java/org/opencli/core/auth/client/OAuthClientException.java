package org.opencli.core.auth.client;

/**
 * An OAuth client flow failed (IdP refused, unreachable, timed out, state mismatch). The message
 * says what and what to do; it never contains a token or client secret.
 */
public class OAuthClientException extends RuntimeException {
    private final String code;

    public OAuthClientException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A stable machine code: e.g. {@code login_required}, {@code state_mismatch}, {@code token_request_failed}. */
    public String code() {
        return code;
    }
}
