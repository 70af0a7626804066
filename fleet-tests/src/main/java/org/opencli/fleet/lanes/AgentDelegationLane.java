package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.opencli.fleet.Background;
import org.opencli.fleet.CatalogJson;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.keycloak.KeycloakFixture;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * An agent acting for a user (RFC 8693) against Keycloak 26.7.3's standard token exchange: alice
 * signs in by device flow through the agent's launcher client (her token's audience is the agent,
 * not the runtime); the agent's own ocli (its own HOME, mode delegation) exchanges that token at
 * Keycloak as client {@code triage-agent} and calls oclird with the result. Keycloak's exchanged
 * token names the agent only in {@code azp} (no {@code act} claim), so the runtime is configured
 * with {@code azpAsActor}: the catalog and execution are alice's grants ∩ the agent's maximum
 * ({@code delegation.actors}), and every audit record of the agent's calls names alice and the agent.
 */
public final class AgentDelegationLane implements Lane {
    static final String AGENT = "triage-agent";
    static final String LAUNCHER = "agent-launcher";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void run(LaneContext ctx) throws Exception {
        KeycloakFixture kc = ctx.keycloak();
        String agentSecret = UUID.randomUUID().toString();
        realm(ctx, kc, agentSecret);
        try (TestUpstream upstream = TestUpstream.start(0)) {
            AuthRuntime rt = AuthRuntime.start(ctx, kc, upstream, "agent-delegation", auth -> {
                ObjectNode delegation = auth.putObject("delegation");
                delegation.putObject("actors").putArray(AGENT).add("tool:upstream:listTickets").add("tool:upstream:getTicket");
                delegation.put("azpAsActor", true);
            }, null);

            String userToken = userSignsIn(ctx, rt);
            if (userToken == null) return;

            Path agentHome = Files.createDirectories(ctx.workDir().resolve("agent-home"));
            Path agentDir = Files.createDirectories(ctx.workDir().resolve("agent"));
            Files.writeString(agentDir.resolve(".cli.json"), """
                    {"runtime": {"mode": "remote", "remote": {"url": "%s", "oauth": {"mode": "delegation", "delegation": {
                      "tokenURL": "%s",
                      "clientId": {"type": "literal", "value": "%s"},
                      "clientSecret": {"type": "env", "value": "AGENT_SECRET"},
                      "subjectTokenRef": "env:USER_TOKEN"}}}}}
                    """.formatted(rt.daemon.url(), kc.tokenEndpoint(KeycloakFixture.CORP), AGENT));
            ctx.log("agent's client config:\n" + Files.readString(agentDir.resolve(".cli.json")));
            Map<String, String> env = Map.of("AGENT_SECRET", agentSecret, "USER_TOKEN", userToken);

            ProcResult valid = ctx.ocliAs(agentHome, agentDir, env, "config", "validate");
            ctx.check("ocli config validate accepts the agent's delegation client config", valid.exitCode() == 0,
                    "exit " + valid.exitCode() + " " + valid.stderr().strip());

            ProcResult tokenRun = ctx.ocliAsSecretOutput(agentHome, agentDir, env, "auth", "token");
            String exchanged = tokenRun.stdout().strip();
            ctx.check("ocli (mode delegation) exchanges alice's token at Keycloak: exit 0, a new token",
                    tokenRun.exitCode() == 0 && exchanged.startsWith("eyJ") && !exchanged.equals(userToken),
                    "exit " + tokenRun.exitCode() + " " + tokenRun.stderr().strip());
            JsonNode claims = exchanged.startsWith("eyJ") ? claims(exchanged) : JSON.createObjectNode();
            ctx.log("exchanged token's claims (Keycloak " + KeycloakFixture.VERSION + "): " + redacted(claims));
            ctx.check("Keycloak's exchanged token is for the runtime (aud oclird), the subject stays alice, azp names the agent",
                    audience(claims).contains("oclird") && claims.path("preferred_username").asText().equals("alice")
                            && claims.path("azp").asText().equals(AGENT), redacted(claims));
            ctx.check("Keycloak " + KeycloakFixture.VERSION + "'s standard token exchange writes no 'act' claim (impersonation-style)",
                    !claims.has("act"), "act " + (claims.has("act") ? "present" : "absent"));
            ctx.check("the exchanged token carries alice's bundle:upstream and audit:read (Keycloak does not narrow them)",
                    claims.path("scope").asText().contains("bundle:upstream") && claims.path("scope").asText().contains("audit:read"),
                    claims.path("scope").asText());

            ProcResult again = ctx.ocliAsSecretOutput(agentHome, agentDir, env, "auth", "token");
            ctx.check("a second ocli run reuses the cached exchanged token (same token, no new exchange)",
                    again.exitCode() == 0 && again.stdout().strip().equals(exchanged), "exit " + again.exitCode());
            List<Path> cached;
            try (Stream<Path> files = Files.walk(agentHome)) {
                cached = files.filter(Files::isRegularFile).filter(f -> f.toString().contains("/auth/delegation/")).toList();
            }
            ctx.check("the exchanged token is cached in the agent's HOME (auth/delegation), holding neither alice's token nor the agent's secret",
                    cached.size() == 1 && !Files.readString(cached.get(0)).contains(userToken)
                            && !Files.readString(cached.get(0)).contains(agentSecret), cached.toString());

            ProcResult listed = ctx.ocliAs(agentHome, agentDir, env, "catalog", "list", "--format", "json");
            List<String> tools = listed.exitCode() == 0 ? CatalogJson.toolIds(ctx.json(listed.stdout()).path("catalog").path("tools")) : List.of();
            ctx.check("the agent sees alice's bundle:upstream ∩ its own maximum: exactly getTicket and listTickets",
                    tools.equals(List.of("upstream:getTicket", "upstream:listTickets")), "exit " + listed.exitCode() + " " + tools);

            rt.project.reset(ctx);
            ProcResult call = ctx.ocliAs(agentHome, agentDir, env, "upstream", "tickets", "list-tickets");
            int reached = rt.project.requestCount(ctx);
            ctx.check("the agent's list-tickets call succeeds and reaches the upstream", call.exitCode() == 0 && reached == 1,
                    "exit " + call.exitCode() + ", upstream saw " + reached);

            rt.project.reset(ctx);
            HttpResponse<String> create = ctx.http().send(HttpRequest.newBuilder(URI.create(rt.daemon.url() + "/v1/tools/execute"))
                    .header("Authorization", "Bearer " + exchanged).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"toolId\":\"upstream:createTicket\",\"body\":{\"title\":\"by the agent\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            ctx.log("POST /v1/tools/execute upstream:createTicket (exchanged token) -> " + create.statusCode() + "\n  " + create.body());
            ctx.check("createTicket, in alice's bundle but not the agent's maximum: 403 insufficient_scope, nothing sent upstream",
                    create.statusCode() == 403 && create.body().contains("insufficient_scope") && rt.project.requestCount(ctx) == 0,
                    create.statusCode() + "");

            HttpResponse<String> auditRead = ctx.http().send(HttpRequest.newBuilder(URI.create(rt.daemon.url() + "/v1/audit/events"))
                    .header("Authorization", "Bearer " + exchanged).GET().build(), HttpResponse.BodyHandlers.ofString());
            ctx.check("GET /v1/audit/events: 403 — alice holds audit:read, the agent may not use it",
                    auditRead.statusCode() == 403, auditRead.statusCode() + " " + auditRead.body().strip());

            ProcResult workflow = ctx.ocliAs(agentHome, agentDir, env, "workflow", "run", "openAndClose", "--execute", "--input", "title=x");
            ctx.check("ocli (delegation) refused a step outside the intersection: exit 5 naming tool:upstream:createTicket",
                    workflow.exitCode() == 5 && workflow.stderr().contains("tool:upstream:createTicket"),
                    "exit " + workflow.exitCode() + " " + workflow.stderr().strip());

            List<JsonNode> audit = rt.audit(records -> AuthRuntime.ofType(records, "authz_denial").size() >= 2);
            List<JsonNode> agentRecords = audit.stream().filter(r -> r.path("clientId").asText().equals(AGENT)).toList();
            ctx.check("every audit record of the agent's calls names alice and the acting agent (actors [triage-agent])",
                    !agentRecords.isEmpty() && agentRecords.stream().allMatch(r -> r.path("principal").asText().equals("alice")
                            && r.path("actors").toString().equals("[\"" + AGENT + "\"]")), agentRecords.size() + " record(s)");
            for (String type : List.of("authenticated_connect", "tool_execution", "authz_denial", "catalog_filtered")) {
                ctx.check("… including " + type, agentRecords.stream().anyMatch(r -> r.path("eventType").asText().equals(type)),
                        agentRecords.stream().map(r -> r.path("eventType").asText()).distinct().toList().toString());
            }
            List<JsonNode> refusedOwn = AuthRuntime.ofType(audit, "authn_failure").stream()
                    .filter(r -> r.path("reasonCode").asText().equals("wrong_audience")).toList();
            ctx.check("alice's own token's refusal is recorded (authn_failure wrong_audience) and names no actor",
                    !refusedOwn.isEmpty() && refusedOwn.stream().noneMatch(r -> r.has("actors")), refusedOwn.size() + " record(s)");
            String auditText = rt.auditText();
            String transcript = Files.readString(ctx.transcriptFile());
            ctx.check("neither token nor the agent's secret appears in the audit log or the transcript",
                    Stream.of(userToken, exchanged, agentSecret).noneMatch(s -> auditText.contains(s) || transcript.contains(s)),
                    audit.size() + " records scanned");
        }
    }

    /**
     * Clients for this lane in realm corp: the agent's launcher (public, device flow; alice's token
     * from it names the agent as audience, which Keycloak's exchange requires) and the agent
     * (confidential, standard token exchange enabled; its scopes put oclird in the exchanged token).
     */
    private static void realm(LaneContext ctx, KeycloakFixture kc, String agentSecret) throws Exception {
        ObjectNode scope = JSON.createObjectNode().put("name", AGENT + "-audience").put("protocol", "openid-connect");
        scope.putObject("attributes").put("include.in.token.scope", "false").put("display.on.consent.screen", "false");
        ObjectNode mapper = scope.putArray("protocolMappers").addObject().put("name", "agent audience")
                .put("protocol", "openid-connect").put("protocolMapper", "oidc-audience-mapper");
        mapper.putObject("config").put("included.client.audience", AGENT).put("access.token.claim", "true")
                .put("introspection.token.claim", "true");
        kc.admin("POST", "/admin/realms/corp/client-scopes", scope);

        ObjectNode agent = JSON.createObjectNode().put("clientId", AGENT).put("enabled", true).put("publicClient", false)
                .put("clientAuthenticatorType", "client-secret").put("secret", agentSecret).put("standardFlowEnabled", false)
                .put("directAccessGrantsEnabled", false).put("serviceAccountsEnabled", false).put("fullScopeAllowed", true);
        agent.putObject("attributes").put("standard.token.exchange.enabled", "true");
        agent.putArray("defaultClientScopes").add("basic").add("profile").add("roles").add("oclird-audience")
                .add("bundle:upstream").add("audit:read");
        kc.admin("POST", "/admin/realms/corp/clients", agent);

        ObjectNode launcher = JSON.createObjectNode().put("clientId", LAUNCHER).put("enabled", true).put("publicClient", true)
                .put("standardFlowEnabled", false).put("directAccessGrantsEnabled", false).put("fullScopeAllowed", true);
        launcher.putObject("attributes").put("oauth2.device.authorization.grant.enabled", "true");
        launcher.putArray("defaultClientScopes").add("basic").add("profile").add("roles").add("bundle:upstream").add("audit:read")
                .add(AGENT + "-audience");
        kc.admin("POST", "/admin/realms/corp/clients", launcher);
        ctx.log("realm corp: client scope " + AGENT + "-audience, clients " + AGENT + " (standard.token.exchange.enabled) and "
                + LAUNCHER + " (public, device flow)");
    }

    /** alice signs in by device flow in her own HOME through the launcher; answers her token, or null. */
    private static String userSignsIn(LaneContext ctx, AuthRuntime rt) throws Exception {
        Path home = Files.createDirectories(ctx.workDir().resolve("alice-home"));
        Path dir = Files.createDirectories(ctx.workDir().resolve("alice"));
        Files.writeString(dir.resolve(".cli.json"), """
                {"runtime": {"mode": "remote", "remote": {"url": "%s", "oauth": {"mode": "deviceCode", "deviceCode": {"clientId": "%s"}}}}}
                """.formatted(rt.daemon.url(), LAUNCHER));
        ProcResult login;
        try (Background device = ctx.ocliAsInBackground(home, dir, Map.of(), "auth", "login", "--device")) {
            login = DeviceSignIn.approve(ctx, device, "alice", "alice-password");
        }
        ctx.check("alice signs in by device flow through " + LAUNCHER + ": exit 0", login.exitCode() == 0, "exit " + login.exitCode());
        ProcResult token = ctx.ocliAsSecretOutput(home, dir, Map.of(), "auth", "token");
        String userToken = token.stdout().strip();
        boolean ok = token.exitCode() == 0 && userToken.startsWith("eyJ");
        ctx.check("ocli auth token hands alice's token to the agent", ok, "exit " + token.exitCode());
        if (!ok) return null;
        JsonNode claims = claims(userToken);
        ctx.check("alice's token is for the agent (aud " + AGENT + "), not the runtime", audience(claims).contains(AGENT)
                && !audience(claims).contains("oclird"), redacted(claims));
        ProcResult direct = ctx.ocliAs(home, dir, Map.of(), "catalog", "list");
        ctx.check("so the runtime refuses alice's own token: exit 4 (wrong_audience)",
                direct.exitCode() == 4 && direct.stderr().contains("wrong_audience"), "exit " + direct.exitCode());
        return userToken;
    }

    private static JsonNode claims(String jwt) throws Exception {
        String[] parts = jwt.split("\\.");
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    private static List<String> audience(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        if (aud.isTextual()) return List.of(aud.asText());
        return aud.isArray() ? Stream.of(JSON.convertValue(aud, String[].class)).toList() : List.of();
    }

    /** The claims a lane may log: names and grants, not ids that identify a session. */
    private static String redacted(JsonNode claims) {
        ObjectNode copy = claims.deepCopy();
        for (String volatileClaim : List.of("jti", "sid", "session_state", "iat", "exp", "auth_time")) copy.remove(volatileClaim);
        return copy.toString();
    }
}
