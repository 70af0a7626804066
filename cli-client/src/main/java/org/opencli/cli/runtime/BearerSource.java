package org.opencli.cli.runtime;

/**
 * Where the bearer token for a remote runtime comes from. Kept free of OAuth types so that talking
 * to a runtime without auth never loads the OAuth library.
 */
public interface BearerSource {
    /** The access token to send now (acquired or refreshed as the mode allows); fails with exit 4 when there is none. */
    String token();

    /**
     * After the runtime refused the token as expired: gets a new one without a person (refresh
     * token, or client credentials again). False when that is not possible.
     */
    default boolean renew() {
        return false;
    }

    /** The configured {@code runtime.remote.oauth.mode} (or the mode of a cached sign-in), for explanations. */
    String mode();
}
