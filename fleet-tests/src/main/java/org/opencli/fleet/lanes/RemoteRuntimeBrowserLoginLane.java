package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.opencli.fleet.Background;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.keycloak.KeycloakBrowser;
import org.opencli.fleet.keycloak.KeycloakFixture;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * A person signs in: {@code ocli auth login --no-browser} (authorization code + PKCE with the
 * public client {@code ocli}, endpoints from the runtime's browser-config) prints the URL, a
 * headless browser signs in on Keycloak's page as alice and lands on ocli's loopback callback;
 * the cached sign-in then carries calls until {@code ocli auth logout} revokes and removes it.
 */
public final class RemoteRuntimeBrowserLoginLane implements Lane {
    static final Pattern SIGN_IN_URL = Pattern.compile("Open this URL in a browser to sign in: (\\S+)");
    static final Duration SIGN_IN_TIMEOUT = Duration.ofSeconds(90);

    @Override
    public void run(LaneContext ctx) throws Exception {
        KeycloakFixture kc = ctx.keycloak();
        try (TestUpstream upstream = TestUpstream.start(0)) {
            AuthRuntime rt = AuthRuntime.start(ctx, kc, upstream, "auth-browser", auth -> {},
                    oauth -> oauth.put("mode", "browserLogin"));

            ProcResult before = rt.ocli(Map.of(), "upstream", "tickets", "list-tickets");
            ctx.check("before signing in a call is refused with exit 4 and told to sign in",
                    before.exitCode() == 4 && before.stderr().contains("ocli --runtime " + rt.daemon.url() + " auth login"), "exit " + before.exitCode());

            ProcResult login = signIn(ctx, rt, (browser, url) -> browser.login(url, "alice", "alice-password"));
            ctx.check("ocli auth login exits 0 after the browser reached its callback", login.exitCode() == 0, "exit " + login.exitCode());

            JsonNode status = rt.status();
            ctx.check("ocli auth status shows principal alice", status != null && status.path("principal").asText().equals("alice"),
                    status == null ? "status failed" : status.path("principal").asText());
            ctx.check("status shows the granted scopes (bundle:upstream, audit:read) and a refresh token",
                    status != null && status.path("scopes").toString().contains("bundle:upstream")
                            && status.path("scopes").toString().contains("audit:read") && status.path("refreshable").asBoolean(),
                    status == null ? "" : status.path("scopes") + " refreshable " + status.path("refreshable"));

            ProcResult call = rt.ocli(Map.of(), "upstream", "tickets", "list-tickets");
            ctx.check("a catalog tool call succeeds with the cached token", call.exitCode() == 0, "exit " + call.exitCode());

            Path tokenFile = rt.tokenFile();
            Set<PosixFilePermission> mode = tokenFile == null ? Set.of() : Files.getPosixFilePermissions(tokenFile);
            ctx.check("the token file is 0600", mode.equals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)),
                    tokenFile + " " + mode);

            String bearer = rt.token(Map.of()).stdout().strip();
            ctx.check("Keycloak reports the access token active before logout",
                    kc.introspect(KeycloakFixture.CORP, bearer).path("active").asBoolean(), "introspection");
            ProcResult logout = rt.ocli(Map.of(), "auth", "logout");
            ctx.check("ocli auth logout exits 0", logout.exitCode() == 0, "exit " + logout.exitCode());
            ctx.check("logout removed the cached sign-in", tokenFile != null && !Files.exists(tokenFile), String.valueOf(tokenFile));
            ctx.check("logout revoked the sign-in at Keycloak (its access token is no longer active)",
                    !kc.introspect(KeycloakFixture.CORP, bearer).path("active").asBoolean(), "introspection");
            ProcResult after = rt.ocli(Map.of(), "upstream", "tickets", "list-tickets");
            ctx.check("after logout a call needs a sign-in again (exit 4)", after.exitCode() == 4, "exit " + after.exitCode());
            ctx.check("no token appears in the audit log", !rt.auditText().contains(bearer), "scanned");
            rt.audit();
        }
    }

    /** What the headless browser does with the sign-in URL ocli printed. */
    interface BrowserStep {
        String complete(KeycloakBrowser browser, String url) throws Exception;
    }

    /**
     * Runs {@code ocli auth login --no-browser} as a real process, hands the URL it prints to a
     * headless browser, and answers ocli's result once it exits.
     */
    static ProcResult signIn(LaneContext ctx, AuthRuntime rt, BrowserStep step) throws Exception {
        try (Background login = ctx.ocliInBackground(rt.project.dir, Map.of(), rt.withRuntime("auth", "login", "--no-browser"));
             KeycloakBrowser browser = new KeycloakBrowser()) {
            String url = login.await(SIGN_IN_URL, SIGN_IN_TIMEOUT).group(1);
            ctx.check("ocli prints the authorization URL of realm corp with PKCE S256",
                    url.startsWith(rt.kc.authorizationEndpoint(KeycloakFixture.CORP)) && url.contains("code_challenge_method=S256"),
                    url.substring(0, url.indexOf('?') < 0 ? url.length() : url.indexOf('?')));
            String callbackPage = step.complete(browser, url);
            ctx.log("browser visited " + browser.visited());
            ctx.check("the browser ended on ocli's loopback callback page", callbackPage.contains("Signed in"),
                    callbackPage.strip().replaceAll("\\s+", " "));
            return login.finish(SIGN_IN_TIMEOUT);
        }
    }
}
