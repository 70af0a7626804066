package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.opencli.fleet.CatalogJson;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.keycloak.KeycloakFixture;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * A CI job's view of an authenticated runtime: ocli gets a client-credentials token from Keycloak
 * ({@code ocli-ci}, whose default scopes are {@code tool:upstream:listTickets} and
 * {@code tool:upstream:getTicket}), sees only those tools, runs one, and is refused the rest
 * before anything reaches the upstream.
 */
public final class RemoteRuntimeOAuthClientLane implements Lane {

    @Override
    public void run(LaneContext ctx) throws Exception {
        KeycloakFixture kc = ctx.keycloak();
        try (TestUpstream upstream = TestUpstream.start(0)) {
            AuthRuntime rt = AuthRuntime.start(ctx, kc, upstream, "auth-client", auth -> {}, oauth -> {
                oauth.put("mode", "oauthClient");
                var client = oauth.putObject("client");
                client.put("tokenURL", kc.tokenEndpoint(KeycloakFixture.CORP));
                client.putObject("clientId").put("type", "literal").put("value", "ocli-ci");
                client.putObject("clientSecret").put("type", "env").put("value", "OCLI_CI_SECRET");
            });
            Map<String, String> env = Map.of("OCLI_CI_SECRET", kc.clientSecret(KeycloakFixture.CORP, "ocli-ci"));

            ProcResult listed = rt.ocli(env, "catalog", "list", "--format", "json");
            String catalog = listed.stdout();
            ctx.check("ocli catalog list with the client-credentials token: exit 0", listed.exitCode() == 0, "exit " + listed.exitCode());
            List<String> toolIds = listed.exitCode() == 0 ? CatalogJson.toolIds(ctx.json(catalog).path("catalog").path("tools")) : List.of();
            ctx.check("the catalog shows exactly the tools in the envelope (getTicket, listTickets)",
                    toolIds.equals(List.of("upstream:getTicket", "upstream:listTickets")), toolIds.toString());

            rt.project.reset(ctx);
            ProcResult allowed = rt.ocli(env, "upstream", "tickets", "list-tickets");
            int reached = rt.project.requestCount(ctx);
            ctx.check("an allowed call (list-tickets) succeeds and reaches the upstream", allowed.exitCode() == 0 && reached == 1,
                    "exit " + allowed.exitCode() + ", upstream saw " + reached);

            // ocli builds its commands from the filtered catalog, so a tool outside the envelope is not
            // even a command; the runtime refuses it all the same when asked directly or by a workflow
            rt.project.reset(ctx);
            ProcResult absent = rt.ocli(env, "upstream", "tickets", "create-ticket", "--body", "{\"title\":\"not allowed\"}");
            ctx.check("ocli offers no create-ticket command to this token (exit 2, a visible one suggested, the scopes named as the likely reason)",
                    absent.exitCode() == 2 && absent.stderr().contains("unknown command 'create-ticket'")
                            && absent.stderr().contains("did you mean 'get-ticket'")
                            && absent.stderr().contains("lists only the tools your token's scopes allow")
                            && !absent.stderr().contains("eyJ"),
                    "exit " + absent.exitCode() + ": " + absent.stderr().strip());

            ProcResult workflow = rt.ocli(env, "workflow", "run", "openAndClose", "--execute", "--input", "title=not allowed");
            ctx.check("a call of create-ticket outside the scope (workflow step) is refused with exit 5",
                    workflow.exitCode() == 5, "exit " + workflow.exitCode());
            ctx.check("the refusal names the missing scope tool:upstream:createTicket",
                    workflow.stderr().contains("tool:upstream:createTicket"), workflow.stderr().strip());

            ProcResult token = rt.token(env);
            String bearer = token.stdout().strip();
            ctx.check("ocli auth token prints the cached client-credentials token", token.exitCode() == 0 && bearer.startsWith("eyJ"),
                    "exit " + token.exitCode());
            HttpResponse<String> direct = ctx.http().send(HttpRequest.newBuilder(URI.create(rt.daemon.url() + "/v1/tools/execute"))
                    .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"toolId\":\"upstream:createTicket\",\"body\":{\"title\":\"not allowed\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            ctx.log("POST " + rt.daemon.url() + "/v1/tools/execute upstream:createTicket (bearer) -> " + direct.statusCode() + "\n  " + direct.body());
            JsonNode problem = direct.statusCode() == 403 ? ctx.json(direct.body()) : null;
            ctx.check("POST /v1/tools/execute of upstream:createTicket with the same token: 403 insufficient_scope naming the scope",
                    problem != null && problem.path("code").asText().equals("insufficient_scope")
                            && problem.path("requiredScope").asText().contains("tool:upstream:createTicket")
                            && direct.headers().firstValue("WWW-Authenticate").orElse("").contains("insufficient_scope"),
                    direct.statusCode() + " " + (problem == null ? "" : problem.path("requiredScope").asText()));
            ctx.check("the upstream received nothing for the refused calls", rt.project.requestCount(ctx) == 0,
                    rt.project.requestCount(ctx) + " request(s) since the reset");

            String secret = kc.clientSecret(KeycloakFixture.CORP, "ocli-ci");
            List<JsonNode> audit = rt.audit(records -> !AuthRuntime.ofType(records, "authz_denial").isEmpty());
            List<JsonNode> connects = AuthRuntime.ofType(audit, "authenticated_connect");
            ctx.check("the audit has authenticated_connect for service-account-ocli-ci via client ocli-ci",
                    connects.stream().anyMatch(r -> r.path("clientId").asText().equals("ocli-ci")),
                    connects.size() + " record(s)");
            List<JsonNode> denials = AuthRuntime.ofType(audit, "authz_denial");
            ctx.check("the audit has authz_denial for upstream:createTicket",
                    denials.stream().anyMatch(r -> r.toString().contains("createTicket")), denials.size() + " record(s)");
            ctx.check("neither the client secret nor the token appears in the audit log",
                    !rt.auditText().contains(secret) && !rt.auditText().contains(bearer), audit.size() + " records scanned");
        }
    }
}
