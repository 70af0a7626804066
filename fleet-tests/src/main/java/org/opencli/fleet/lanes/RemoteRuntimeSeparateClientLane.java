package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opencli.fleet.Background;
import org.opencli.fleet.CatalogJson;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.keycloak.KeycloakFixture;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * The product's main topology: {@code oclird --config} with runtime auth in its own directory,
 * HOME and state ({@link SeparateRuntime}); clients in other directories with their own HOME and
 * XDG directories that know only the runtime's URL. A client config holding only {@code runtime}
 * (the shape docs/deployment.md tells users to write) lists the catalog, calls a tool against the
 * test upstream and reads the audit — no {@code config_pinned}. A sign-in made in one directory
 * serves another, and serves {@code ocli mcp serve} as a desktop agent spawns it. Options are given
 * both as {@code --opt value} and {@code --opt=value}.
 */
public final class RemoteRuntimeSeparateClientLane implements Lane {
    @Override
    public void run(LaneContext ctx) throws Exception {
        KeycloakFixture kc = ctx.keycloak();
        try (TestUpstream upstream = TestUpstream.start(0)) {
            SeparateRuntime rt = SeparateRuntime.start(ctx, kc, upstream, "separate-runtime");
            String url = rt.url();
            ctx.check("oclird's launcher honours HOME: its registry is under the runtime's own HOME",
                    rt.daemon.registryFile().startsWith(rt.home), rt.daemon.registryFile().toString());

            Path work = ctx.workDir();
            Path clientHome = Files.createDirectories(work.resolve("client-home"));
            Path xdg = Files.createDirectories(work.resolve("client-xdg"));
            Map<String, String> xdgEnv = Map.of("XDG_STATE_HOME", xdg.resolve("state").toString(),
                    "XDG_CONFIG_HOME", xdg.resolve("config").toString());
            clientConfigWithAToken(ctx, kc, rt, clientHome, xdgEnv, work.resolve("client-token"));
            requestConfigPath(ctx, kc, rt, clientHome, work);
            signInOnceServesEveryDirectory(ctx, rt, clientHome, xdgEnv, work);
            mcpServeWithTheSignIn(ctx, rt, clientHome, work.resolve("project-b"));

            List<String> runtimeLeaks = SeparateRuntime.files(rt.home).stream().filter(f -> f.contains("/auth/")).toList();
            ctx.check("the runtime's HOME holds no client sign-in", runtimeLeaks.isEmpty(), runtimeLeaks.toString());
            List<String> clientFiles = SeparateRuntime.files(clientHome);
            ctx.check("the client's HOME holds no runtime state (no registry, no audit)",
                    clientFiles.stream().noneMatch(f -> f.endsWith("runtime.json") || f.endsWith("audit.log")), clientFiles.toString());
        }
    }

    /** The client: a .cli.json with only runtime (providedToken from env:T) in a directory of its own. */
    private static void clientConfigWithAToken(LaneContext ctx, KeycloakFixture kc, SeparateRuntime rt, Path home,
                                               Map<String, String> xdgEnv, Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(".cli.json"), """
                {"runtime": {"mode": "remote", "remote": {"url": "%s", "oauth": {"mode": "providedToken", "tokenRef": "env:T"}}}}
                """.formatted(rt.url()));
        ctx.log("client config " + dir.resolve(".cli.json") + ":\n" + Files.readString(dir.resolve(".cli.json")));
        String token = kc.clientCredentialsToken(KeycloakFixture.CORP, "ocli-ci", kc.clientSecret(KeycloakFixture.CORP, "ocli-ci"));
        Map<String, String> env = new HashMap<>(xdgEnv);
        env.put("T", token);

        ProcResult valid = ctx.ocliAs(home, dir, env, "config", "validate");
        ctx.check("ocli config validate: a client config for runtime URL " + rt.url(),
                valid.exitCode() == 0 && valid.stdout().contains("client config for runtime URL " + rt.url()), "exit " + valid.exitCode());

        ProcResult listed = ctx.ocliAs(home, dir, env, "catalog", "list", "--format", "json");
        List<String> tools = listed.exitCode() == 0 ? CatalogJson.toolIds(ctx.json(listed.stdout()).path("catalog").path("tools")) : List.of();
        ctx.check("catalog list from the client directory: exit 0 (no config_pinned), the runtime's own catalog in the token's envelope",
                tools.equals(List.of("upstream:getTicket", "upstream:listTickets")), "exit " + listed.exitCode() + " " + tools);

        rt.project.reset(ctx);
        ProcResult call = ctx.ocliAs(home, dir, env, "upstream", "tickets", "list-tickets", "--status=open", "--format=json");
        int reached = rt.project.requestCount(ctx);
        ctx.check("a tool call (--status=open, --format=json) reaches the real test upstream", call.exitCode() == 0 && reached == 1,
                "exit " + call.exitCode() + ", upstream saw " + reached);

        ProcResult audit = ctx.ocliAs(home, dir, env, "audit", "list", "--event-type", "tool_execution", "--format=json", "--limit=50");
        JsonNode events = audit.exitCode() == 0 ? ctx.json(audit.stdout()).path("events") : null;
        ctx.check("audit list through the runtime shows the call",
                events != null && events.toString().contains("upstream:listTickets"), "exit " + audit.exitCode());

        Path cache = Path.of(xdgEnv.get("XDG_STATE_HOME")).resolve("oas-cli");
        ctx.check("providedToken writes nothing to the client's state (the token stays in its variable)",
                SeparateRuntime.files(cache).stream().noneMatch(f -> f.startsWith("auth/")), SeparateRuntime.files(cache).toString());
        ctx.check("the token appears nowhere in the transcript", !Files.readString(ctx.transcriptFile()).contains(token), "scanned");
    }

    /** requestConfigPath names a config the runtime serves: its own passes, another is refused as pinned. */
    private static void requestConfigPath(LaneContext ctx, KeycloakFixture kc, SeparateRuntime rt, Path home, Path work) throws Exception {
        String token = kc.clientCredentialsToken(KeycloakFixture.CORP, "ocli-ci", kc.clientSecret(KeycloakFixture.CORP, "ocli-ci"));
        Path own = Files.createDirectories(work.resolve("client-named-own")).resolve("client.cli.json");
        Path other = Files.createDirectories(work.resolve("client-named-other")).resolve("client.cli.json");
        String shape = """
                {"runtime": {"mode": "remote", "remote": {"url": "%s", "requestConfigPath": "%s",
                  "oauth": {"mode": "providedToken", "tokenRef": "env:T"}}}}
                """;
        Files.writeString(own, shape.formatted(rt.url(), rt.project.config));
        Files.writeString(other, shape.formatted(rt.url(), "/srv/somewhere/else/.cli.json"));
        ProcResult ownOk = ctx.ocliAs(home, own.getParent(), Map.of("T", token), "--config=" + own, "catalog", "list", "--format", "json");
        ctx.check("requestConfigPath naming the runtime's own config (--config=FILE): exit 0", ownOk.exitCode() == 0,
                "exit " + ownOk.exitCode() + " " + ownOk.stderr().strip());
        ProcResult pinned = ctx.ocliAs(home, other.getParent(), Map.of("T", token), "--config", other.toString(), "catalog", "list");
        ctx.check("requestConfigPath naming another config: exit 5, the runtime's config_pinned refusal",
                pinned.exitCode() == 5 && pinned.stderr().toLowerCase().contains("pinned"), "exit " + pinned.exitCode() + " " + pinned.stderr().strip());
    }

    /** alice signs in once from directory A (device flow); directory B, with no file at all, uses that sign-in. */
    private static void signInOnceServesEveryDirectory(LaneContext ctx, SeparateRuntime rt, Path home, Map<String, String> xdgEnv,
                                                       Path work) throws Exception {
        Path dirA = Files.createDirectories(work.resolve("project-a"));
        Path dirB = Files.createDirectories(work.resolve("project-b"));
        Files.writeString(dirA.resolve(".cli.json"), """
                {"runtime": {"mode": "remote", "remote": {"url": "%s", "oauth": {"mode": "deviceCode"}}}}
                """.formatted(rt.url()));
        Map<String, String> homeOnly = Map.of();

        ProcResult before = ctx.ocliAs(home, dirB, homeOnly, "--runtime", rt.url(), "upstream", "tickets", "list-tickets");
        ctx.check("before any sign-in, directory B is refused (exit 4) with a hint naming --runtime " + rt.url(),
                before.exitCode() == 4 && before.stderr().contains("ocli --runtime " + rt.url() + " auth login"),
                "exit " + before.exitCode() + " " + before.stderr().strip());

        ProcResult login;
        try (Background device = ctx.ocliAsInBackground(home, dirA, homeOnly, "auth", "login", "--device")) {
            login = DeviceSignIn.approve(ctx, device, "alice", "alice-password");
        }
        ctx.check("ocli auth login --device in directory A exits 0 once alice approves", login.exitCode() == 0, "exit " + login.exitCode());

        Path authDir = home.resolve(".local/state/oas-cli/auth");
        List<String> cached = SeparateRuntime.files(authDir);
        boolean private0600 = cached.size() == 1 && "rw-------".equals(PosixFilePermissions.toString(
                Files.getPosixFilePermissions(authDir.resolve(cached.get(0)))));
        ctx.check("ocli's launcher honours HOME: the sign-in is cached once, 0600, under the client's HOME (not per directory)",
                private0600, authDir + " " + cached);

        rt.project.reset(ctx);
        ProcResult call = ctx.ocliAs(home, dirB, homeOnly, "--runtime", rt.url(), "upstream", "tickets", "list-tickets");
        ctx.check("directory B (no file, --runtime URL) calls a tool with A's sign-in", call.exitCode() == 0 && rt.project.requestCount(ctx) == 1,
                "exit " + call.exitCode() + " " + call.stderr().strip());
        ProcResult status = ctx.ocliAs(home, dirB, homeOnly, "--runtime=" + rt.url(), "--format=json", "auth", "status");
        JsonNode s = status.exitCode() == 0 ? ctx.json(status.stdout()) : null;
        ctx.check("auth status in B (--runtime=URL --format=json): alice, credentials from the sign-in cache",
                s != null && "alice".equals(s.path("principal").asText()) && s.path("credentialSource").asText().startsWith("sign-in cache"),
                s == null ? "exit " + status.exitCode() : s.path("principal") + " " + s.path("credentialSource"));
        ProcResult audit = ctx.ocliAs(home, dirB, homeOnly, "--runtime=" + rt.url(), "audit", "list", "--principal", "alice", "--format", "json");
        JsonNode events = audit.exitCode() == 0 ? ctx.json(audit.stdout()).path("events") : null;
        ctx.check("audit list from B shows alice's call", events != null && events.toString().contains("upstream:listTickets"),
                "exit " + audit.exitCode() + " " + audit.stderr().strip());

        ProcResult otherXdg = ctx.ocliAs(home, dirB, xdgEnv, "--runtime", rt.url(), "--format", "json", "auth", "status");
        JsonNode x = otherXdg.exitCode() == 0 ? ctx.json(otherXdg.stdout()) : null;
        ctx.check("with XDG_STATE_HOME set, ocli looks there, not in HOME (no sign-in found)",
                x != null && !x.path("signedIn").asBoolean() && "none".equals(x.path("credentialSource").asText()),
                x == null ? "exit " + otherXdg.exitCode() : x.path("signedIn") + " " + x.path("credentialSource"));

        List<JsonNode> records = rt.audit(r -> SeparateRuntime.executed(r, "upstream:listTickets", "alice"));
        ctx.check("the runtime's own audit (under its HOME) records alice's call and client ocli-ci's",
                SeparateRuntime.executed(records, "upstream:listTickets", "alice")
                        && SeparateRuntime.executed(records, "upstream:listTickets", "ocli-ci"),
                records.size() + " records in " + rt.auditFile());
    }

    /**
     * A desktop agent spawns {@code ocli --runtime URL mcp serve} as alice (her HOME, no token in its
     * environment) and speaks MCP to it over stdin/stdout: the list is her effective view, a call
     * reaches the upstream, the runtime records it under her principal, and closing stdin ends it.
     */
    private static void mcpServeWithTheSignIn(LaneContext ctx, SeparateRuntime rt, Path home, Path dir) throws Exception {
        Map<String, String> homeOnly = Map.of();
        ProcResult catalog = ctx.ocliAs(home, dir, homeOnly, "--runtime", rt.url(), "catalog", "list", "--format", "json");
        List<String> view = catalog.exitCode() == 0
                ? CatalogJson.toolIds(ctx.json(catalog.stdout()).path("catalog").path("tools")).stream().sorted().toList()
                : List.of();
        rt.project.reset(ctx);
        ctx.post(rt.project.upstream.apiUrl() + "/tickets", "{\"title\":\"Printer on fire\"}");
        int before = rt.project.requestCount(ctx);
        long aliceCallsBefore = aliceListTickets(rt.audit(r -> true));

        try (StdioMcpAgent agent = StdioMcpAgent.spawn(ctx, home, dir, homeOnly, "--runtime", rt.url(), "mcp", "serve")) {
            JsonNode init = agent.request(1, "initialize", "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"desktop-agent\",\"version\":\"1\"}}", Duration.ofSeconds(60));
            ctx.check("a desktop agent spawns `ocli --runtime URL mcp serve` as alice (her HOME, no OCLI_TOKEN): initialize answers "
                    + "(server ocli, tools capability)", init != null && "ocli".equals(init.path("result").path("serverInfo").path("name").asText())
                            && init.path("result").path("capabilities").has("tools"),
                    init == null ? "no answer: " + agent.stderr().strip() : init.path("result").path("serverInfo").toString());
            agent.notify("notifications/initialized");

            JsonNode listed = agent.request(2, "tools/list", "{}", Duration.ofSeconds(60));
            List<String> ids = new ArrayList<>();
            if (listed != null) listed.path("result").path("tools").forEach(t -> ids.add(t.path("_meta").path("org.opencli/toolId").asText()));
            ids.sort(String::compareTo);
            ctx.check("tools/list is exactly alice's effective view, as `ocli catalog list` shows it to her (bundle:upstream: more than "
                    + "ocli-ci's two tools)", !view.isEmpty() && ids.equals(view) && ids.size() > 2 && ids.contains("upstream:listTickets"),
                    ids.size() + " tools " + ids + " vs catalog list (exit " + catalog.exitCode() + ") " + view.size());

            JsonNode called = agent.request(3, "tools/call", "{\"name\":\"upstream__listTickets\",\"arguments\":{\"status\":\"open\"}}",
                    Duration.ofSeconds(60));
            JsonNode result = called == null ? null : called.path("result");
            int reached = rt.project.requestCount(ctx);
            ctx.check("tools/call upstream__listTickets {status: open} answers the upstream's tickets through the runtime, with her sign-in",
                    result != null && !result.path("isError").asBoolean(false) && result.toString().contains("Printer on fire")
                            && reached == before + 1,
                    (called == null ? "no answer" : String.valueOf(called).replaceAll("\\s+", " ")) + ", upstream saw " + (reached - before));

            List<JsonNode> records = rt.audit(r -> aliceListTickets(r) > aliceCallsBefore);
            ctx.check("the runtime's audit records that call once, under alice's principal",
                    aliceListTickets(records) == aliceCallsBefore + 1, aliceCallsBefore + " -> " + aliceListTickets(records)
                            + " allowed listTickets records of alice");

            Integer exit = agent.closeInput(Duration.ofSeconds(30));
            List<JsonNode> lines = agent.answers();
            boolean onlyJsonRpc = lines.stream().allMatch(l -> "2.0".equals(l.path("jsonrpc").asText()));
            ctx.check("standard input closed: ocli mcp serve exits 0; its stdout carried only JSON-RPC (" + lines.size() + " answers)",
                    exit != null && exit == 0 && onlyJsonRpc && lines.size() == 3,
                    "exit " + exit + ", " + lines.size() + " lines, stderr: " + agent.stderr().strip());
        }
    }

    private static long aliceListTickets(List<JsonNode> records) {
        return records.stream().filter(r -> "tool_execution".equals(r.path("eventType").asText())
                && "upstream:listTickets".equals(r.path("toolId").asText()) && "allow".equals(r.path("decision").asText())
                && "alice".equals(r.path("principal").asText())).count();
    }
}
