package org.opencli.core.auth.client;

import java.net.URI;

/**
 * How an interactive flow reaches the user: a line of text (to stderr in the CLI) and, for browser
 * login, an attempt to open the system browser (may do nothing; the URL line is always printed).
 */
public interface UserPrompt {
    void say(String line);

    default void openBrowser(URI url) {
    }
}
