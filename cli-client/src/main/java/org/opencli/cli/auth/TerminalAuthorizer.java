package org.opencli.cli.auth;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.opencli.cli.options.GlobalOptions;
import org.opencli.core.secrets.InteractiveAuthorizer;

/**
 * Embedded mode's {@link InteractiveAuthorizer}: when ocli runs on a terminal, an upstream oauth2
 * authorizationCode secret with {@code interactive: true} and no usable token prints its sign-in
 * URL to stderr (and opens a browser when there is a display); the engine waits for the callback.
 */
public final class TerminalAuthorizer implements InteractiveAuthorizer {
    private final SignInPrompt prompt;
    private final PrintWriter err;

    TerminalAuthorizer(PrintWriter err) {
        this.err = err;
        this.prompt = SignInPrompt.onStderr(err, false);
    }

    /** One for this process when it sits at a terminal; null otherwise (then such secrets stay unresolved). */
    public static InteractiveAuthorizer forTerminal() {
        if (!GlobalOptions.stdoutIsTerminal()) return null;
        return new TerminalAuthorizer(new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    }

    @Override
    public void present(String secretName, URI authorizationUrl) {
        err.println("Sign-in needed for secret '" + secretName + "' (an upstream API).");
        prompt.say("Open this URL in a browser to sign in: " + authorizationUrl);
        prompt.openBrowser(authorizationUrl);
    }
}
