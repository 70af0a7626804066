package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.opencli.fleet.Background;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.oidcprovider.AuthentikShaped;
import org.opencli.fleet.oidcprovider.OidcProviderFixture;
import org.opencli.fleet.oidcprovider.ProviderBrowser;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * Authentik-shaped tokens from the oidc-provider fixture: issuer {@code <origin>/application/o/ocli/},
 * {@code aud} the provider's client id, the user's groups in {@code groups}. The runtime reads
 * {@code groups} ({@code scopeClaims}) and maps group names to runtime grants: a helpdesk agent
 * (browser sign-in) gets the whole upstream bundle, an auditor (device sign-in) one read tool and
 * {@code audit:read}; what no group maps to is neither listed nor executable.
 */
public final class RemoteRuntimeAuthentikShapedLane implements Lane {

    @Override
    public void run(LaneContext ctx) throws Exception {
        try (OidcProviderFixture idp = OidcProviderFixture.start(ctx.repoRoot(), ctx.workDir().resolve("idp"), AuthentikShaped.setup());
             TestUpstream upstream = TestUpstream.start(0)) {
            ctx.log("oidc-provider " + idp.origin() + " (log " + idp.log() + ")");
            String issuer = AuthentikShaped.issuer(idp);
            IdpShapedRuntime rt = IdpShapedRuntime.start(ctx, upstream, "authentik-runtime", auth -> {
                auth.put("validationProfile", "oidc_jwks");
                auth.put("issuer", issuer);
                auth.put("jwksURL", idp.jwksUri(issuer));
                auth.put("audience", AuthentikShaped.CLIENT);
                auth.putArray("scopeClaims").add("groups");
                var map = auth.putObject("grantMap");
                map.putArray(AuthentikShaped.HELPDESK_GROUP).add("bundle:upstream");
                map.putArray(AuthentikShaped.AUDITORS_GROUP).add("tool:upstream:listTickets").add("audit:read");
                auth.put("authorizationURL", idp.authorizationEndpoint(issuer));
                auth.put("tokenURL", idp.tokenEndpoint(issuer));
                auth.put("deviceAuthorizationURL", idp.deviceEndpoint(issuer));
                auth.put("browserClientId", AuthentikShaped.CLIENT);
            });

            agentSignsInWithTheBrowser(ctx, rt);
            auditorSignsInWithADeviceCode(ctx, rt);
        }
    }

    private static void agentSignsInWithTheBrowser(LaneContext ctx, IdpShapedRuntime rt) throws Exception {
        IdpShapedRuntime.Client agent = rt.client("akadia", "{\"mode\": \"browserLogin\"}");
        ProcResult login;
        try (Background signIn = agent.ocliInBackground(Map.of(), "auth", "login", "--no-browser");
             ProviderBrowser browser = new ProviderBrowser()) {
            String url = signIn.await(RemoteRuntimeBrowserLoginLane.SIGN_IN_URL, RemoteRuntimeBrowserLoginLane.SIGN_IN_TIMEOUT).group(1);
            String page = browser.login(url, AuthentikShaped.AGENT, AuthentikShaped.AGENT_PASSWORD);
            ctx.log("browser visited " + browser.visited());
            ctx.check("the browser ended on ocli's loopback callback page", page.contains("Signed in"), page.strip().replaceAll("\\s+", " "));
            login = signIn.finish(RemoteRuntimeBrowserLoginLane.SIGN_IN_TIMEOUT);
        }
        ctx.check("ocli auth login (authorization code + PKCE) exits 0", login.exitCode() == 0, "exit " + login.exitCode() + " " + login.stderr().strip());

        JsonNode claims = OidcProviderFixture.payload(agent.token(Map.of()));
        ctx.check("the token is Authentik-shaped: groups, preferred_username, aud the provider's client id",
                claims.path("groups").toString().contains(AuthentikShaped.HELPDESK_GROUP)
                        && claims.path("preferred_username").asText().equals(AuthentikShaped.AGENT)
                        && claims.path("aud").asText().equals(AuthentikShaped.CLIENT),
                "groups " + claims.path("groups") + " aud " + claims.path("aud"));

        List<String> tools = agent.toolIds(Map.of());
        ctx.check("group helpdesk-agents → bundle:upstream: the catalog shows every upstream tool",
                tools != null && tools.contains("upstream:createTicket") && tools.contains("upstream:getTicket"), String.valueOf(tools));
        rt.project.reset(ctx);
        ProcResult call = agent.ocli(Map.of(), "upstream", "tickets", "list-tickets");
        ctx.check("a call works and reaches the upstream", call.exitCode() == 0 && rt.project.requestCount(ctx) == 1, "exit " + call.exitCode());
        JsonNode status = agent.status(Map.of());
        JsonNode view = status == null ? null : status.path("runtimeView");
        ctx.check("ocli auth status: the runtime names akadia and derived exactly bundle:upstream (group 'everyone' maps to nothing)",
                view != null && view.path("principal").asText().equals(AuthentikShaped.AGENT)
                        && view.path("grants").toString().equals("[\"bundle:upstream\"]"),
                view == null ? "status failed" : view.toString());
    }

    private static void auditorSignsInWithADeviceCode(LaneContext ctx, IdpShapedRuntime rt) throws Exception {
        // as Authentik's OAuth2 provider is usually set up: the OpenID scopes, whose profile mapping carries groups
        IdpShapedRuntime.Client auditor = rt.client("bruno", "{\"mode\": \"deviceCode\", \"scopes\": [\"openid\", \"profile\", \"email\"]}");
        ProcResult login;
        try (Background device = auditor.ocliInBackground(Map.of(), "auth", "login", "--device");
             ProviderBrowser phone = new ProviderBrowser()) {
            device.await(DeviceSignIn.CODE, DeviceSignIn.TIMEOUT);
            String complete = device.await(DeviceSignIn.COMPLETE, DeviceSignIn.TIMEOUT).group(1);
            phone.approveDevice(complete, AuthentikShaped.AUDITOR, AuthentikShaped.AUDITOR_PASSWORD);
            login = device.finish(DeviceSignIn.TIMEOUT);
        }
        ctx.check("ocli auth login --device exits 0 once bruno approves", login.exitCode() == 0, "exit " + login.exitCode());

        List<String> tools = auditor.toolIds(Map.of());
        ctx.check("group runtime-auditors → tool:upstream:listTickets: the catalog shows only listTickets",
                List.of("upstream:listTickets").equals(tools), String.valueOf(tools));
        String bearer = auditor.token(Map.of());
        rt.project.reset(ctx);
        HttpResponse<String> refused = rt.execute(bearer, "upstream:createTicket", "{\"title\":\"not allowed\"}");
        ctx.check("createTicket with bruno's token: 403 insufficient_scope, nothing reaches the upstream",
                refused.statusCode() == 403 && refused.body().contains("insufficient_scope") && rt.project.requestCount(ctx) == 0,
                refused.statusCode() + " " + refused.body());
        ProcResult audit = auditor.ocli(Map.of(), "audit", "list", "--principal", AuthentikShaped.AGENT, "--format", "json");
        JsonNode events = audit.exitCode() == 0 ? ctx.json(audit.stdout()).path("events") : null;
        ctx.check("runtime-auditors → audit:read: bruno reads akadia's records, which carry her immutable id (sub) as subjectId",
                events != null && events.toString().contains("upstream:listTickets") && events.toString().contains("\"subjectId\":\"" + AuthentikShaped.AGENT + "\""),
                "exit " + audit.exitCode() + " " + audit.stderr().strip());
        ctx.check("no token appears in the audit log", !rt.auditText().contains(bearer), "scanned");
        rt.audit(records -> true);
    }
}
