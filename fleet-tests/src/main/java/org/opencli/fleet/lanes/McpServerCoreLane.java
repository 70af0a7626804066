package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencli.fleet.Daemon;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.keycloak.KeycloakFixture;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * The runtime as an MCP server for agents, driven by a real MCP client ({@code inspector-cli}):
 * {@code oclird} with runtime auth (Keycloak realm corp) in its own directory and HOME over the test
 * upstream, {@code upstream:getTicket} approval-required. {@code /mcp} without a token is 401 with
 * the RFC 9728 metadata URL, which names the issuer; with a service account's token
 * {@code tools/list} is exactly the token's scope envelope; {@code tools/call} reaches the upstream;
 * an approval-required tool is an error saying how to approve until {@code _approve=true}; audit
 * records name the client. Then {@code ocli mcp serve} (a client of its own HOME, the runtime's
 * URL and the token in its environment) gives the same list and calls over stdio.
 */
public final class McpServerCoreLane implements Lane {
    private static final List<String> ENVELOPE = List.of("upstream__getTicket", "upstream__listTickets");

    @Override
    public void run(LaneContext ctx) throws Exception {
        KeycloakFixture kc = ctx.keycloak();
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamProject project = UpstreamProject.create(ctx, upstream, config -> {
                AuthRuntime.serverAuth(config.withObject("/runtime"), kc);
                config.withObject("/policy").withArray("approvalRequired").add("upstream:getTicket");
            });
            Path runtimeHome = Files.createDirectories(ctx.workDir().resolve("runtime-home"));
            String instance = "mcp-server";
            Daemon daemon = ctx.startDaemonAs(runtimeHome, project.dir, instance, project.env(), "--config", project.config.toString());
            String url = daemon.url();
            String token = kc.clientCredentialsToken(KeycloakFixture.CORP, "ocli-ci", kc.clientSecret(KeycloakFixture.CORP, "ocli-ci"));
            Path audit = runtimeHome.resolve(".local/state/oas-cli/instances").resolve(instance).resolve("audit.log");

            unauthenticated(ctx, kc, url);
            project.reset(ctx);
            ctx.post(upstream.apiUrl() + "/tickets", "{\"title\":\"Printer on fire\"}");
            int before = project.requestCount(ctx);
            overHttp(ctx, url, token, project, before);
            overStdio(ctx, url, token);

            List<JsonNode> records = awaitAudit(ctx, daemon, audit, r -> SeparateRuntime.executed(r, "upstream:listTickets", "ocli-ci")
                    && count(r, "upstream:listTickets", "allow") == 2);
            ctx.artifact("runtime-audit.log", Files.isRegularFile(audit) ? Files.readString(audit) : "");
            ctx.check("the runtime's audit: listTickets allowed twice for client ocli-ci (HTTP, stdio), getTicket refused once "
                    + "(approval_required) and allowed once", count(records, "upstream:listTickets", "allow") == 2
                            && SeparateRuntime.executed(records, "upstream:listTickets", "ocli-ci")
                            && records.stream().anyMatch(r -> "upstream:getTicket".equals(r.path("toolId").asText())
                                    && "deny".equals(r.path("decision").asText()) && "approval_required".equals(r.path("reasonCode").asText()))
                            && count(records, "upstream:getTicket", "allow") == 1,
                    records.size() + " records in " + audit);
            ctx.check("the token appears nowhere in the transcript", !Files.readString(ctx.transcriptFile()).contains(token), "scanned");
        }
    }

    /** POST /mcp with no token: 401 naming the protected-resource metadata, which names the IdP. */
    private static void unauthenticated(LaneContext ctx, KeycloakFixture kc, String url) throws Exception {
        HttpResponse<String> refused = ctx.http().send(HttpRequest.newBuilder(URI.create(url + "/mcp")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String challenge = refused.headers().firstValue("WWW-Authenticate").orElse("");
        String metadataUrl = url + "/.well-known/oauth-protected-resource";
        ctx.log("POST " + url + "/mcp (no token) -> " + refused.statusCode() + " WWW-Authenticate: " + challenge);
        ctx.check("POST /mcp without a token: 401, WWW-Authenticate: Bearer resource_metadata=\"<runtime>/.well-known/oauth-protected-resource\"",
                refused.statusCode() == 401 && challenge.startsWith("Bearer") && challenge.contains("resource_metadata=\"" + metadataUrl + "\""),
                refused.statusCode() + " " + challenge);
        HttpResponse<String> metadata = ctx.get(metadataUrl);
        JsonNode m = metadata.statusCode() == 200 ? ctx.json(metadata.body()) : null;
        ctx.check("the metadata (open endpoint) names the runtime as resource and realm corp's issuer as authorization server",
                m != null && url.equals(m.path("resource").asText().replaceAll("/+$", ""))
                        && m.path("authorization_servers").toString().contains("\"" + kc.issuer(KeycloakFixture.CORP) + "\""),
                metadata.statusCode() + " " + metadata.body());
    }

    private static void overHttp(LaneContext ctx, String url, String token, UpstreamProject project, int before) throws Exception {
        String bearer = "Authorization: Bearer " + token;
        List<String> secrets = List.of(token);
        String mcp = url + "/mcp";
        JsonNode listed = McpNpm.json(ctx, McpNpm.inspector(ctx, Map.of(), secrets, mcp, "--transport", "http", "--header", bearer,
                "--method", "tools/list"));
        ctx.check("inspector-cli tools/list over /mcp with ocli-ci's token: exactly the token's envelope " + ENVELOPE,
                listed != null && names(listed).equals(ENVELOPE), listed == null ? "failed" : names(listed).toString());
        JsonNode list = listed == null ? null : toolNamed(listed, "upstream__listTickets");
        ctx.check("... listTickets carries its input schema and readOnlyHint from the catalog's safety",
                list != null && list.path("inputSchema").path("properties").has("status")
                        && list.path("annotations").path("readOnlyHint").asBoolean(false),
                list == null ? "missing" : list.path("annotations") + " " + list.path("inputSchema").path("properties").fieldNames().next());

        JsonNode called = McpNpm.json(ctx, McpNpm.inspector(ctx, Map.of(), secrets, mcp, "--transport", "http", "--header", bearer,
                "--method", "tools/call", "--tool-name", "upstream__listTickets", "--tool-arg", "status=open"));
        ctx.check("tools/call upstream__listTickets status=open reaches the upstream and returns its tickets",
                called != null && !called.path("isError").asBoolean(false) && called.toString().contains("Printer on fire")
                        && project.requestCount(ctx) == before + 1,
                called == null ? "failed" : called.toString());

        int beforeApproval = project.requestCount(ctx);
        JsonNode unapproved = McpNpm.json(ctx, McpNpm.inspector(ctx, Map.of(), secrets, mcp, "--transport", "http", "--header", bearer,
                "--method", "tools/call", "--tool-name", "upstream__getTicket", "--tool-arg", "ticket-id=1"));
        ctx.check("tools/call of the approval-required getTicket: an error saying to call again with \"_approve\": true; nothing sent",
                unapproved != null && unapproved.path("isError").asBoolean(false) && unapproved.toString().contains("requires approval")
                        && unapproved.toString().contains("_approve") && project.requestCount(ctx) == beforeApproval,
                unapproved == null ? "failed" : unapproved.toString());
        JsonNode approved = McpNpm.json(ctx, McpNpm.inspector(ctx, Map.of(), secrets, mcp, "--transport", "http", "--header", bearer,
                "--method", "tools/call", "--tool-name", "upstream__getTicket", "--tool-arg", "ticket-id=1", "_approve=true"));
        ctx.check("... with _approve=true it reads the ticket", approved != null && !approved.path("isError").asBoolean(false)
                && approved.toString().contains("Printer on fire"), approved == null ? "failed" : approved.toString());
    }

    /** ocli mcp serve over stdio: a client HOME of its own; the runtime URL and the token in its environment, not its arguments. */
    private static void overStdio(LaneContext ctx, String url, String token) throws Exception {
        Path clientHome = Files.createDirectories(ctx.workDir().resolve("client-home"));
        Map<String, String> env = LaneContext.userEnvironment(clientHome, Map.of("OCLI_RUNTIME_URL", url, "OCLI_TOKEN", token));
        String ocli = ctx.repoRoot().resolve("bin/ocli").toString();
        JsonNode listed = McpNpm.json(ctx, McpNpm.inspector(ctx, env, List.of(token), ocli, "mcp", "serve", "--method", "tools/list"));
        ctx.check("inspector-cli spawning `ocli mcp serve` (OCLI_RUNTIME_URL, OCLI_TOKEN): tools/list is the same envelope",
                listed != null && names(listed).equals(ENVELOPE), listed == null ? "failed" : names(listed).toString());
        JsonNode called = McpNpm.json(ctx, McpNpm.inspector(ctx, env, List.of(token), ocli, "mcp", "serve", "--method", "tools/call",
                "--tool-name", "upstream__listTickets", "--tool-arg", "status=open"));
        ctx.check("... and tools/call upstream__listTickets answers through the runtime",
                called != null && !called.path("isError").asBoolean(false) && called.toString().contains("Printer on fire"),
                called == null ? "failed" : called.toString());
    }

    private static List<String> names(JsonNode listed) {
        List<String> names = new ArrayList<>();
        listed.path("tools").forEach(t -> names.add(t.path("name").asText()));
        names.sort(String::compareTo);
        return names;
    }

    private static JsonNode toolNamed(JsonNode listed, String name) {
        for (JsonNode t : listed.path("tools")) {
            if (name.equals(t.path("name").asText())) return t;
        }
        return null;
    }

    private static long count(List<JsonNode> records, String toolId, String decision) {
        return McpNpm.executions(records, toolId, decision);
    }

    /** The audit records once {@code ready} holds (written off the request thread), or as they are after 10 s. */
    private static List<JsonNode> awaitAudit(LaneContext ctx, Daemon daemon, Path audit,
                                             java.util.function.Predicate<List<JsonNode>> ready) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<JsonNode> records = McpNpm.audit(ctx, audit);
        while (!ready.test(records) && System.nanoTime() < deadline) {
            daemon.process().waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS); // the poll interval, cut short if it exits
            records = McpNpm.audit(ctx, audit);
        }
        return records;
    }
}
