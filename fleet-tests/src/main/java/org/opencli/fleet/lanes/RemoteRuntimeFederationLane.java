package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.keycloak.KeycloakFixture;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * Federation as with Microsoft Entra ID behind a corporate Keycloak: realm {@code corp} brokers
 * sign-in to realm {@code upstream} (the stand-in for Entra ID). bob exists only upstream; he
 * signs in through the broker's {@code upstream} button during {@code ocli auth login}, corp issues
 * the token (first broker login imports him), and the runtime, which trusts only corp, accepts it.
 */
public final class RemoteRuntimeFederationLane implements Lane {

    @Override
    public void run(LaneContext ctx) throws Exception {
        KeycloakFixture kc = ctx.keycloak();
        try (TestUpstream upstream = TestUpstream.start(0)) {
            AuthRuntime rt = AuthRuntime.start(ctx, kc, upstream, "auth-federation", auth -> {},
                    oauth -> oauth.put("mode", "browserLogin"));

            ProcResult login = RemoteRuntimeBrowserLoginLane.signIn(ctx, rt,
                    (browser, url) -> browser.loginVia(url, "upstream", "bob", "bob-password"));
            ctx.check("ocli auth login through the upstream identity provider exits 0", login.exitCode() == 0, "exit " + login.exitCode());

            JsonNode status = rt.status();
            ctx.check("ocli auth status shows principal bob", status != null && status.path("principal").asText().equals("bob"),
                    status == null ? "status failed" : status.path("principal").asText());

            String bearer = rt.token(Map.of()).stdout().strip();
            JsonNode claims = bearer.startsWith("eyJ") ? org.opencli.fleet.keycloak.Jwts.claims(bearer) : null;
            ctx.check("the token was issued by realm corp (the broker), not by upstream",
                    claims != null && claims.path("iss").asText().equals(kc.issuer(KeycloakFixture.CORP)),
                    claims == null ? "no token" : claims.path("iss").asText());

            ProcResult info = rt.ocli(Map.of(), "runtime", "info", "--format", "json");
            JsonNode principal = info.exitCode() == 0 ? ctx.json(info.stdout()).path("auth").path("principal") : null;
            ctx.check("the runtime accepts the token and names bob as the principal",
                    principal != null && principal.path("name").asText().equals("bob"),
                    principal == null ? "exit " + info.exitCode() : principal.toString());
            ProcResult call = rt.ocli(Map.of(), "upstream", "tickets", "list-tickets");
            ctx.check("a tool call as bob succeeds", call.exitCode() == 0, "exit " + call.exitCode());
            ctx.check("the audit has bob's authenticated_connect",
                    AuthRuntime.ofType(rt.audit(records -> records.stream().anyMatch(r -> r.path("principal").asText().equals("bob"))), "authenticated_connect").stream()
                            .anyMatch(r -> r.path("principal").asText().equals("bob")), "audit");
            ctx.check("no token appears in the audit log", !rt.auditText().contains(bearer), "scanned");
        }
    }
}
