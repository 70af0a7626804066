package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.opencli.fleet.Background;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.oidcprovider.AuthentikShaped;
import org.opencli.fleet.oidcprovider.OidcProviderFixture;
import org.opencli.fleet.oidcprovider.ProviderBrowser;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * Agents acting for a user with a real RFC 8693 {@code act} chain from an independent OpenID
 * provider (the oidc-provider fixture's token exchange, Authentik-shaped issuer): akadia signs in by
 * device flow; each agent's ocli (its own HOME, mode delegation) exchanges the token it holds as its
 * own confidential client, and the provider writes {@code act: {sub: <agent>}}, nesting the subject
 * token's {@code act}. The runtime is configured with {@code delegation.actors} and without
 * {@code azpAsActor}: it reads the chain, grants akadia's grants ∩ every actor's maximum, refuses an
 * agent it does not name, and every audit record of the agents' calls carries the chain, current
 * actor first.
 */
public final class AgentDelegationActLane implements Lane {
    static final String TRIAGE = "triage-agent";
    static final String ORCHESTRATOR = "orchestrator";
    static final String ROGUE = "rogue-agent";
    private static final List<String> TRIAGE_TOOLS = List.of("upstream:getTicket", "upstream:listTickets");

    @Override
    public void run(LaneContext ctx) throws Exception {
        Map<String, String> secrets = Map.of(TRIAGE, UUID.randomUUID().toString(), ORCHESTRATOR, UUID.randomUUID().toString(),
                ROGUE, UUID.randomUUID().toString());
        var setup = AuthentikShaped.setup();
        secrets.forEach(setup::agentClient);
        try (OidcProviderFixture idp = OidcProviderFixture.start(ctx.repoRoot(), ctx.workDir().resolve("idp"), setup);
             TestUpstream upstream = TestUpstream.start(0)) {
            ctx.log("oidc-provider " + idp.origin() + " (log " + idp.log() + "); agent clients " + secrets.keySet());
            String issuer = AuthentikShaped.issuer(idp);
            IdpShapedRuntime rt = IdpShapedRuntime.start(ctx, upstream, "act-runtime", auth -> {
                auth.put("validationProfile", "oidc_jwks");
                auth.put("issuer", issuer);
                auth.put("jwksURL", idp.jwksUri(issuer));
                auth.put("audience", AuthentikShaped.CLIENT);
                auth.putArray("scopeClaims").add("groups");
                auth.putObject("grantMap").putArray(AuthentikShaped.HELPDESK_GROUP).add("bundle:upstream").add("audit:read");
                auth.put("tokenURL", idp.tokenEndpoint(issuer));
                auth.put("deviceAuthorizationURL", idp.deviceEndpoint(issuer));
                auth.put("browserClientId", AuthentikShaped.CLIENT);
                ObjectNode actors = auth.putObject("delegation").putObject("actors");
                actors.putArray(TRIAGE).add("tool:upstream:listTickets").add("tool:upstream:getTicket");
                actors.putArray(ORCHESTRATOR).add("bundle:upstream").add("audit:read");
            });

            String userToken = userSignsIn(ctx, rt);
            if (userToken == null) return;
            providerRefuses(ctx, idp, issuer, secrets.get(TRIAGE), userToken);

            List<String> tokens = new ArrayList<>(List.of(userToken));
            Agent triage = new Agent(ctx, rt, idp, TRIAGE, "triage", secrets.get(TRIAGE), userToken);
            String triageToken = triage.exchange(tokens, "{\"sub\":\"" + TRIAGE + "\"}");
            triage.actsWithinTheIntersection(List.of(TRIAGE), triageToken);

            Agent orchestrator = new Agent(ctx, rt, idp, ORCHESTRATOR, "orchestrator", secrets.get(ORCHESTRATOR), userToken);
            String orchestratorToken = orchestrator.exchange(tokens, "{\"sub\":\"" + ORCHESTRATOR + "\"}");
            List<String> orchestratorTools = orchestrator.client.toolIds(orchestrator.env);
            ctx.check("the orchestrator alone (maximum bundle:upstream) sees akadia's whole bundle, createTicket included",
                    orchestratorTools != null && orchestratorTools.contains("upstream:createTicket")
                            && orchestratorTools.containsAll(TRIAGE_TOOLS), String.valueOf(orchestratorTools));

            Agent chained = new Agent(ctx, rt, idp, TRIAGE, "triage-via-orchestrator", secrets.get(TRIAGE), orchestratorToken);
            String chainToken = chained.exchange(tokens, "{\"sub\":\"" + TRIAGE + "\",\"act\":{\"sub\":\"" + ORCHESTRATOR + "\"}}");
            chained.actsWithinTheIntersection(List.of(TRIAGE, ORCHESTRATOR), chainToken);

            Agent rogue = new Agent(ctx, rt, idp, ROGUE, "rogue", secrets.get(ROGUE), userToken);
            String rogueToken = rogue.exchange(tokens, "{\"sub\":\"" + ROGUE + "\"}");
            List<String> rogueTools = rogue.client.toolIds(rogue.env);
            ctx.check("an agent the runtime's delegation.actors does not name gets no grants: an empty catalog",
                    rogueTools != null && rogueTools.isEmpty(), String.valueOf(rogueTools));
            rt.project.reset(ctx);
            HttpResponse<String> rogueCall = rt.execute(rogueToken, "upstream:listTickets", "{}");
            ctx.check("… and its listTickets is refused: 403 insufficient_scope, nothing sent upstream",
                    rogueCall.statusCode() == 403 && rogueCall.body().contains("insufficient_scope") && rt.project.requestCount(ctx) == 0,
                    rogueCall.statusCode() + "");

            auditCarriesTheChain(ctx, rt, secrets, tokens, List.of(triage, orchestrator, chained, rogue));
        }
    }

    /** akadia signs in by device flow (her own HOME); answers her token, or null. */
    private static String userSignsIn(LaneContext ctx, IdpShapedRuntime rt) throws Exception {
        IdpShapedRuntime.Client user = rt.client("akadia", "{\"mode\": \"deviceCode\", \"scopes\": [\"openid\", \"profile\", \"email\"]}");
        ProcResult login;
        try (Background device = user.ocliInBackground(Map.of(), "auth", "login", "--device");
             ProviderBrowser phone = new ProviderBrowser()) {
            device.await(DeviceSignIn.CODE, DeviceSignIn.TIMEOUT);
            String complete = device.await(DeviceSignIn.COMPLETE, DeviceSignIn.TIMEOUT).group(1);
            phone.approveDevice(complete, AuthentikShaped.AGENT, AuthentikShaped.AGENT_PASSWORD);
            login = device.finish(DeviceSignIn.TIMEOUT);
        }
        ctx.check("akadia signs in by device flow: exit 0", login.exitCode() == 0, "exit " + login.exitCode());
        String token = user.token(Map.of());
        if (!token.startsWith("eyJ")) {
            ctx.check("ocli auth token hands akadia's token to the agents", false, "no token");
            return null;
        }
        JsonNode claims = OidcProviderFixture.payload(token);
        ctx.check("akadia's own token names no actor (no act) and carries her groups",
                !claims.has("act") && claims.path("groups").toString().contains(AuthentikShaped.HELPDESK_GROUP), redacted(claims));
        List<String> own = user.toolIds(Map.of());
        ctx.check("akadia herself sees her whole bundle (createTicket included)", own != null && own.contains("upstream:createTicket"),
                String.valueOf(own));
        return token;
    }

    /** What RFC 8693 says to refuse, the provider refuses (the fixture is no rubber stamp). */
    private static void providerRefuses(LaneContext ctx, OidcProviderFixture idp, String issuer, String secret, String userToken)
            throws Exception {
        String type = "urn:ietf:params:oauth:token-type:access_token";
        HttpResponse<String> missing = idp.tokenExchange(issuer, TRIAGE, secret, Map.of("subject_token_type", type));
        ctx.check("the provider refuses an exchange without subject_token: 400 invalid_request",
                missing.statusCode() == 400 && missing.body().contains("\"invalid_request\""), missing.statusCode() + " " + missing.body());
        HttpResponse<String> garbage = idp.tokenExchange(issuer, TRIAGE, secret, Map.of("subject_token", "not-a-token",
                "subject_token_type", type));
        ctx.check("… a subject_token that is no JWT: 400 invalid_grant",
                garbage.statusCode() == 400 && garbage.body().contains("\"invalid_grant\""), garbage.statusCode() + " " + garbage.body());
        String[] parts = userToken.split("\\.");
        ObjectNode forged = (ObjectNode) OidcProviderFixture.payload(userToken);
        forged.put("sub", "someone-else");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        HttpResponse<String> bad = idp.tokenExchange(issuer, TRIAGE, secret, Map.of("subject_token", tampered, "subject_token_type", type));
        ctx.check("… a subject_token whose claims were altered (signature no longer matches): 400 invalid_grant",
                bad.statusCode() == 400 && bad.body().contains("\"invalid_grant\""), bad.statusCode() + " " + bad.body());
        HttpResponse<String> wrongSecret = idp.tokenExchange(issuer, TRIAGE, "not-the-secret", Map.of("subject_token", userToken,
                "subject_token_type", type));
        ctx.check("… an agent client that does not authenticate: 401 invalid_client",
                wrongSecret.statusCode() == 401 && wrongSecret.body().contains("\"invalid_client\""), wrongSecret.statusCode() + "");
    }

    /** An agent: its own HOME and directory, ocli in mode delegation exchanging {@code subjectToken} as client {@code clientId}. */
    private static final class Agent {
        final LaneContext ctx;
        final IdpShapedRuntime rt;
        final String clientId;
        final String name;
        final IdpShapedRuntime.Client client;
        final Map<String, String> env;
        String exchanged;

        Agent(LaneContext ctx, IdpShapedRuntime rt, OidcProviderFixture idp, String clientId, String name, String secret, String subjectToken)
                throws Exception {
            this.ctx = ctx;
            this.rt = rt;
            this.clientId = clientId;
            this.name = name;
            this.client = rt.client(name, """
                    {"mode": "delegation", "delegation": {"tokenURL": "%s", "clientId": {"type": "literal", "value": "%s"},
                      "clientSecret": {"type": "env", "value": "AGENT_SECRET"}, "subjectTokenRef": "env:USER_TOKEN"}}"""
                    .formatted(idp.tokenEndpoint(AuthentikShaped.issuer(idp)), clientId));
            this.env = Map.of("AGENT_SECRET", secret, "USER_TOKEN", subjectToken);
        }

        /** {@code ocli auth token}: the exchanged token, checked to carry the subject and {@code act} = {@code actJson}. */
        String exchange(List<String> tokens, String actJson) throws Exception {
            String token = client.token(env);
            boolean ok = token.startsWith("eyJ") && !tokens.contains(token);
            JsonNode claims = ok ? OidcProviderFixture.payload(token) : null;
            ctx.check(name + ": ocli (mode delegation) exchanges the token it holds at the provider as " + clientId
                    + "; the new token is for the runtime, still akadia's (sub, groups), with act " + actJson,
                    claims != null && claims.path("sub").asText().equals(AuthentikShaped.AGENT)
                            && claims.path("aud").asText().equals(AuthentikShaped.CLIENT)
                            && claims.path("groups").toString().contains(AuthentikShaped.HELPDESK_GROUP)
                            && claims.path("act").toString().equals(actJson),
                    claims == null ? "no token" : redacted(claims));
            if (ok) tokens.add(token);
            exchanged = token;
            return token;
        }

        /** The catalog, a call, refusals and auth status of an agent whose chain is {@code actors} (triage first). */
        void actsWithinTheIntersection(List<String> actors, String token) throws Exception {
            String chain = String.join(" ← ", actors);
            List<String> tools = client.toolIds(env);
            ctx.check(name + " (" + chain + "): the catalog is akadia's bundle:upstream ∩ every actor's maximum: getTicket and listTickets",
                    TRIAGE_TOOLS.equals(tools), String.valueOf(tools));
            rt.project.reset(ctx);
            ProcResult call = client.ocli(env, "upstream", "tickets", "list-tickets");
            ctx.check(name + ": list-tickets succeeds and reaches the upstream", call.exitCode() == 0 && rt.project.requestCount(ctx) == 1,
                    "exit " + call.exitCode() + " " + call.stderr().strip());
            rt.project.reset(ctx);
            HttpResponse<String> create = rt.execute(token, "upstream:createTicket", "{\"title\":\"by " + name + "\"}");
            ctx.check(name + ": createTicket (akadia's, not " + TRIAGE + "'s): 403 insufficient_scope, nothing sent upstream",
                    create.statusCode() == 403 && create.body().contains("insufficient_scope") && rt.project.requestCount(ctx) == 0,
                    create.statusCode() + "");
            ProcResult workflow = client.ocli(env, "workflow", "run", "openAndClose", "--execute", "--input", "title=x");
            ctx.check(name + ": ocli refuses a workflow step outside the intersection: exit 5 naming tool:upstream:createTicket",
                    workflow.exitCode() == 5 && workflow.stderr().contains("tool:upstream:createTicket"),
                    "exit " + workflow.exitCode() + " " + workflow.stderr().strip());
            HttpResponse<String> audit = rt.get(token, "/v1/audit/events");
            ctx.check(name + ": GET /v1/audit/events 403 — akadia holds audit:read, " + TRIAGE + " may not use it",
                    audit.statusCode() == 403, audit.statusCode() + "");
            JsonNode status = client.status(env);
            JsonNode view = status == null ? null : status.path("runtimeView");
            ctx.check(name + ": ocli auth status shows the runtime's view: principal akadia, actors " + actors,
                    view != null && view.path("principal").asText().equals(AuthentikShaped.AGENT)
                            && view.path("actors").toString().equals(jsonArray(actors)),
                    view == null ? "status failed" : view.toString());
        }
    }

    private static void auditCarriesTheChain(LaneContext ctx, IdpShapedRuntime rt, Map<String, String> secrets, List<String> tokens,
                                             List<Agent> agentsRun) throws Exception {
        List<JsonNode> audit = rt.audit(records -> AuthRuntime.ofType(records, "authz_denial").size() >= 5);
        List<JsonNode> agents = audit.stream().filter(r -> secrets.containsKey(r.path("clientId").asText())).toList();
        ctx.check("every audit record of the agents' calls names akadia and an actor chain whose first actor is the calling client",
                !agents.isEmpty() && agents.stream().allMatch(r -> r.path("principal").asText().equals(AuthentikShaped.AGENT)
                        && r.path("actors").isArray() && r.path("actors").path(0).asText().equals(r.path("clientId").asText())),
                agents.size() + " record(s)");
        String both = jsonArray(List.of(TRIAGE, ORCHESTRATOR));
        List<JsonNode> chained = agents.stream().filter(r -> r.path("actors").toString().equals(both)).toList();
        for (String type : List.of("authenticated_connect", "catalog_filtered", "tool_execution", "authz_denial")) {
            ctx.check("the two-agent chain's records include " + type + ", each with actors " + both,
                    chained.stream().anyMatch(r -> r.path("eventType").asText().equals(type)),
                    chained.stream().map(r -> r.path("eventType").asText()).distinct().toList().toString());
        }
        ctx.check("the lone triage agent's and the rogue agent's records carry their one-actor chains",
                agents.stream().anyMatch(r -> r.path("actors").toString().equals(jsonArray(List.of(TRIAGE))))
                        && agents.stream().anyMatch(r -> r.path("actors").toString().equals(jsonArray(List.of(ROGUE)))),
                agents.stream().map(r -> r.path("actors").toString()).distinct().toList().toString());
        List<JsonNode> own = audit.stream().filter(r -> r.path("clientId").asText().equals(AuthentikShaped.CLIENT)).toList();
        ctx.check("akadia's own calls (no act) name no actor", !own.isEmpty() && own.stream().noneMatch(r -> r.has("actors")),
                own.size() + " record(s)");

        List<String> secretValues = new ArrayList<>(tokens);
        secretValues.addAll(secrets.values());
        String auditText = rt.auditText();
        String transcript = Files.readString(ctx.transcriptFile());
        ctx.check("no token (akadia's or any exchanged one) and no agent secret appears in the audit log or the transcript",
                secretValues.stream().noneMatch(s -> auditText.contains(s) || transcript.contains(s)),
                audit.size() + " records, " + secretValues.size() + " secrets scanned");
        List<Path> leaking = new ArrayList<>();
        leaking.addAll(holding(rt.runtime.home, secretValues, null));
        for (Agent agent : agentsRun) leaking.addAll(holding(agent.client.home, secretValues, agent.exchanged));
        ctx.check("the runtime's HOME holds no token or secret; each agent's HOME only its own exchanged token, in its delegation cache",
                leaking.isEmpty(), leaking.toString());
    }

    /** The files under {@code home} holding any of {@code secrets}, except {@code own} in an {@code auth/delegation} cache file. */
    private static List<Path> holding(Path home, List<String> secrets, String own) throws Exception {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                boolean cache = f.toString().contains("/auth/delegation/");
                if (secrets.stream().anyMatch(s -> text.contains(s) && !(cache && s.equals(own)))) found.add(f);
            }
        }
        return found;
    }

    /** The claims a lane may log: names and grants, not ids that identify a session. */
    private static String redacted(JsonNode claims) {
        ObjectNode copy = claims.deepCopy();
        for (String volatileClaim : List.of("jti", "sid", "iat", "exp", "auth_time")) copy.remove(volatileClaim);
        return copy.toString();
    }

    /** JSON text of a string array, as Jackson writes it. */
    private static String jsonArray(List<String> values) {
        return "[" + String.join(",", values.stream().map(v -> "\"" + v + "\"").toList()) + "]";
    }
}
