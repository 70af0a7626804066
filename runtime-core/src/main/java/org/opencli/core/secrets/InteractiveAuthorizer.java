package org.opencli.core.secrets;

import java.net.URI;
import java.time.Duration;

/**
 * The seam through which the engine reaches a person for an oauth2 {@code authorizationCode}
 * secret with {@code interactive: true} and no usable cached token: it shows the authorization URL
 * (print it, open a browser); the engine's own loopback receiver waits for the redirect. Only
 * ocli's embedded mode on a terminal supplies one; a daemon never does, so there such a secret
 * stays unresolved instead of waiting on nobody.
 */
public interface InteractiveAuthorizer {
    /** Shows the user where to sign in for secret {@code secretName}. Must not block until the sign-in. */
    void present(String secretName, URI authorizationUrl);

    /** How long the engine waits for the browser to come back. */
    default Duration timeout() {
        return Duration.ofMinutes(5);
    }
}
