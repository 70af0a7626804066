package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.opencli.fleet.Background;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.oidcprovider.EntraShaped;
import org.opencli.fleet.oidcprovider.OidcProviderFixture;
import org.opencli.fleet.oidcprovider.ProviderBrowser;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * Entra ID-shaped tokens from a second, independent OpenID provider (oidc-provider): a multi-tenant
 * app registration with issuer template {@code <origin>/{tenantid}/v2.0}, two allowed tenants, the
 * common keys endpoint, a GUID audience, {@code upn} naming people. A CI app signs in by client
 * credentials and holds app roles ({@code roles}); a person signs in by device code and holds a
 * delegated scope ({@code scp}); the grantMap turns both into runtime grants that filter the
 * catalog and execution; a token of a tenant not allowed is refused; audit records carry upn, oid, tid.
 */
public final class RemoteRuntimeEntraShapedLane implements Lane {
    static final String SECRET_ENV = "ENTRA_CLIENT_SECRET";

    @Override
    public void run(LaneContext ctx) throws Exception {
        try (OidcProviderFixture idp = OidcProviderFixture.start(ctx.repoRoot(), ctx.workDir().resolve("idp"), EntraShaped.setup());
             TestUpstream upstream = TestUpstream.start(0)) {
            ctx.log("oidc-provider " + idp.origin() + " (log " + idp.log() + ")");
            String tenantA = EntraShaped.issuer(idp, EntraShaped.TENANT_A);
            IdpShapedRuntime rt = IdpShapedRuntime.start(ctx, upstream, "entra-runtime", auth -> {
                auth.put("validationProfile", "oidc_jwks");
                auth.put("issuer", EntraShaped.issuerTemplate(idp));
                auth.putArray("allowedTenants").add(EntraShaped.TENANT_A).add(EntraShaped.TENANT_B);
                auth.put("jwksURL", idp.commonJwksUri());
                auth.put("audience", EntraShaped.APP_ID);
                auth.putArray("scopeClaims").add("roles");
                auth.put("principalClaim", "upn");
                var map = auth.putObject("grantMap");
                map.putArray(EntraShaped.SCOPE_READ).add("tool:upstream:listTickets").add("tool:upstream:getTicket");
                map.putArray(EntraShaped.SCOPE_READ_WRITE).add("bundle:upstream");
                map.putArray(EntraShaped.ROLE_READ_ALL).add("tool:upstream:listTickets").add("tool:upstream:getTicket");
                map.putArray(EntraShaped.ROLE_AUDITOR).add("audit:read");
                // what ocli auth login takes from /v1/auth/browser-config: tenant A's endpoints and ocli's public client
                auth.put("tokenURL", idp.tokenEndpoint(tenantA));
                auth.put("deviceAuthorizationURL", idp.deviceEndpoint(tenantA));
                auth.put("authorizationURL", idp.authorizationEndpoint(tenantA));
                auth.put("browserClientId", EntraShaped.PUBLIC_CLIENT);
            });

            appWithRoles(ctx, idp, rt, tenantA);
            tenantNotAllowed(ctx, idp, rt);
            personWithDelegatedScope(ctx, rt);
        }
    }

    /** The CI app: client credentials for {@code api://<app>/.default}; its app roles map to read tools and audit:read. */
    private static void appWithRoles(LaneContext ctx, OidcProviderFixture idp, IdpShapedRuntime rt, String tenantA) throws Exception {
        IdpShapedRuntime.Client ci = rt.client("ci-app", """
                {"mode": "oauthClient", "scopes": ["%s/.default"],
                 "client": {"tokenURL": "%s", "clientId": {"type": "literal", "value": "%s"},
                            "clientSecret": {"type": "env", "value": "%s"}}}""".formatted(EntraShaped.RESOURCE,
                idp.tokenEndpoint(tenantA), EntraShaped.CI_CLIENT, SECRET_ENV));
        Map<String, String> env = Map.of(SECRET_ENV, EntraShaped.CI_CLIENT_SECRET);

        List<String> tools = ci.toolIds(env);
        ctx.check("app roles Helpdesk.Read.All + Runtime.Auditor (roles claim, grantMap): the catalog shows exactly getTicket and listTickets",
                List.of("upstream:getTicket", "upstream:listTickets").equals(tools), String.valueOf(tools));

        rt.project.reset(ctx);
        ProcResult call = ci.ocli(env, "upstream", "tickets", "list-tickets");
        int reached = rt.project.requestCount(ctx);
        ctx.check("an allowed call (list-tickets) succeeds and reaches the upstream", call.exitCode() == 0 && reached == 1,
                "exit " + call.exitCode() + ", upstream saw " + reached);

        String bearer = ci.token(env);
        JsonNode claims = OidcProviderFixture.payload(bearer);
        ctx.check("the token is Entra-shaped: aud the app id GUID, iss tenant A's v2.0 issuer, tid, oid, roles, no scope claim",
                claims.path("aud").asText().equals(EntraShaped.APP_ID) && claims.path("iss").asText().equals(tenantA)
                        && claims.path("tid").asText().equals(EntraShaped.TENANT_A) && claims.path("roles").isArray() && !claims.has("scope"),
                "aud " + claims.path("aud") + " tid " + claims.path("tid") + " roles " + claims.path("roles"));
        rt.project.reset(ctx);
        HttpResponse<String> refused = rt.execute(bearer, "upstream:createTicket", "{\"title\":\"not allowed\"}");
        JsonNode problem = refused.statusCode() == 403 ? ctx.json(refused.body()) : null;
        ctx.check("createTicket (no mapped grant) with the same token: 403 insufficient_scope, nothing reaches the upstream",
                problem != null && problem.path("code").asText().equals("insufficient_scope") && rt.project.requestCount(ctx) == 0,
                refused.statusCode() + " " + refused.body());

        JsonNode status = ci.status(env);
        JsonNode view = status == null ? null : status.path("runtimeView");
        ctx.check("ocli auth status shows the grants the runtime derived (audit:read, the two read tools), tenant A, the app's oid",
                view != null && view.path("grants").toString().equals("[\"audit:read\",\"tool:upstream:getTicket\",\"tool:upstream:listTickets\"]")
                        && view.path("tenantId").asText().equals(EntraShaped.TENANT_A)
                        && view.path("subjectId").asText().equals(EntraShaped.CI_CLIENT_OID),
                view == null ? "status failed" : view.toString());

        ProcResult audit = ci.ocli(env, "audit", "list", "--event-type", "tool_execution", "--format", "json");
        JsonNode events = audit.exitCode() == 0 ? ctx.json(audit.stdout()).path("events") : null;
        ctx.check("app role Runtime.Auditor → audit:read: ocli audit list works and shows the call with the app's oid and tenant",
                events != null && events.toString().contains("upstream:listTickets") && events.toString().contains(EntraShaped.CI_CLIENT_OID)
                        && events.toString().contains(EntraShaped.TENANT_A),
                "exit " + audit.exitCode() + " " + audit.stderr().strip());
    }

    /** The same app role from a tenant the runtime does not allow: signed by the same common keys, refused all the same. */
    private static void tenantNotAllowed(LaneContext ctx, OidcProviderFixture idp, IdpShapedRuntime rt) throws Exception {
        String other = EntraShaped.issuer(idp, EntraShaped.TENANT_OTHER);
        String token = idp.clientCredentials(other, EntraShaped.OTHER_CLIENT, EntraShaped.OTHER_CLIENT_SECRET, EntraShaped.RESOURCE + "/.default")
                .path("access_token").asText();
        HttpResponse<String> refused = rt.get(token, "/v1/catalog/effective");
        JsonNode problem = refused.statusCode() == 401 ? ctx.json(refused.body()) : null;
        ctx.check("a token of a tenant not in allowedTenants (valid signature, its own tenant's issuer): 401 wrong_issuer",
                problem != null && problem.path("reason").asText().equals("wrong_issuer"), refused.statusCode() + " " + refused.body());

        IdpShapedRuntime.Client stranger = rt.client("other-tenant", "{\"mode\": \"providedToken\", \"tokenRef\": \"env:T\"}");
        ProcResult listed = stranger.ocli(Map.of("T", token), "catalog", "list");
        ctx.check("ocli with that token: exit 4 (authentication)", listed.exitCode() == 4, "exit " + listed.exitCode() + " " + listed.stderr().strip());
        List<JsonNode> audit = rt.audit(records -> records.stream().anyMatch(r -> r.path("eventType").asText().equals("authn_failure")));
        ctx.check("the refusal has an authn_failure record (wrong_issuer), never the token",
                audit.stream().anyMatch(r -> r.path("eventType").asText().equals("authn_failure") && r.toString().contains("wrong_issuer"))
                        && !rt.auditText().contains(token),
                audit.size() + " records");
    }

    /** A person: device code for the delegated scope Helpdesk.ReadWrite (scp) → bundle:upstream; named by upn. */
    private static void personWithDelegatedScope(LaneContext ctx, IdpShapedRuntime rt) throws Exception {
        IdpShapedRuntime.Client adele = rt.client("adele", """
                {"mode": "deviceCode", "scopes": ["%s/%s"]}""".formatted(EntraShaped.RESOURCE, EntraShaped.SCOPE_READ_WRITE));
        ProcResult login;
        try (Background device = adele.ocliInBackground(Map.of(), "auth", "login", "--device");
             ProviderBrowser phone = new ProviderBrowser()) {
            device.await(DeviceSignIn.CODE, DeviceSignIn.TIMEOUT);
            String complete = device.await(DeviceSignIn.COMPLETE, DeviceSignIn.TIMEOUT).group(1);
            String page = phone.approveDevice(complete, EntraShaped.USER, EntraShaped.USER_PASSWORD);
            ctx.log("browser visited " + phone.visited() + "\n  " + page.strip().replaceAll("\\s+", " "));
            login = device.finish(DeviceSignIn.TIMEOUT);
        }
        ctx.check("ocli auth login --device exits 0 once adele approves the code in the browser", login.exitCode() == 0,
                "exit " + login.exitCode() + " " + login.stderr().strip());

        JsonNode claims = OidcProviderFixture.payload(adele.token(Map.of()));
        ctx.check("adele's token carries scp Helpdesk.ReadWrite, upn, oid and tid, no scope claim",
                claims.path("scp").asText().equals(EntraShaped.SCOPE_READ_WRITE) && claims.path("upn").asText().equals(EntraShaped.USER_UPN)
                        && claims.path("oid").asText().equals(EntraShaped.USER_OID) && !claims.has("scope"),
                "scp " + claims.path("scp") + " upn " + claims.path("upn"));

        List<String> tools = adele.toolIds(Map.of());
        ctx.check("scp Helpdesk.ReadWrite → bundle:upstream: the catalog shows every upstream tool, createTicket included",
                tools != null && tools.contains("upstream:createTicket") && tools.contains("upstream:listTickets"), String.valueOf(tools));
        rt.project.reset(ctx);
        ProcResult create = adele.ocli(Map.of(), "upstream", "tickets", "create-ticket", "--body", "{\"title\":\"from adele\"}");
        ctx.check("create-ticket works for adele and reaches the upstream", create.exitCode() == 0 && rt.project.requestCount(ctx) == 1,
                "exit " + create.exitCode() + " " + create.stderr().strip());
        ProcResult audit = adele.ocli(Map.of(), "audit", "list");
        ctx.check("adele holds no audit:read (no mapping gives it): audit list is refused with exit 5", audit.exitCode() == 5,
                "exit " + audit.exitCode());

        JsonNode status = adele.status(Map.of());
        JsonNode view = status == null ? null : status.path("runtimeView");
        ctx.check("ocli auth status: the runtime names adele by upn and derived exactly bundle:upstream",
                view != null && view.path("principal").asText().equals(EntraShaped.USER_UPN)
                        && view.path("grants").toString().equals("[\"bundle:upstream\"]"),
                view == null ? "status failed" : view.toString());

        List<JsonNode> records = rt.audit(rs -> rs.stream().anyMatch(r -> r.path("eventType").asText().equals("tool_execution")
                && r.path("principal").asText().equals(EntraShaped.USER_UPN)));
        JsonNode execution = records.stream().filter(r -> r.path("eventType").asText().equals("tool_execution")
                && r.path("principal").asText().equals(EntraShaped.USER_UPN)).findFirst().orElse(null);
        ctx.check("adele's tool_execution record names upn (principal), oid (subjectId) and tid (tenantId)",
                execution != null && execution.path("subjectId").asText().equals(EntraShaped.USER_OID)
                        && execution.path("tenantId").asText().equals(EntraShaped.TENANT_A),
                execution == null ? records.size() + " records, none for adele" : execution.toString());
    }
}
