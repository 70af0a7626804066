package org.opencli.cli.auth;

import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.opencli.core.auth.client.UserPrompt;

/**
 * Sign-in prompts on stderr (stdout stays clean for scripts), and a best-effort browser launch
 * ({@code xdg-open} / {@code open}) only when a display is available and --no-browser was not given.
 */
public final class SignInPrompt implements UserPrompt {
    private final PrintWriter err;
    private final boolean mayOpenBrowser;

    SignInPrompt(PrintWriter err, boolean noBrowser, Map<String, String> env) {
        this.err = err;
        this.mayOpenBrowser = !noBrowser && hasDisplay(env);
    }

    /** Prompts on {@code err}; opens a browser when one can be shown and {@code noBrowser} is false. */
    public static SignInPrompt onStderr(PrintWriter err, boolean noBrowser) {
        return new SignInPrompt(err, noBrowser, System.getenv());
    }

    @Override
    public void say(String line) {
        err.println(line);
        err.flush();
    }

    @Override
    public void openBrowser(URI url) {
        if (!mayOpenBrowser) return;
        List<String> argv = isMac() ? List.of("open", url.toString()) : List.of("xdg-open", url.toString());
        try {
            new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (java.io.IOException e) {
            // no opener installed: the printed URL is the fallback
        }
    }

    private static boolean hasDisplay(Map<String, String> env) {
        return isMac() || notBlank(env.get("DISPLAY")) || notBlank(env.get("WAYLAND_DISPLAY"));
    }

    private static boolean isMac() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("mac");
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
