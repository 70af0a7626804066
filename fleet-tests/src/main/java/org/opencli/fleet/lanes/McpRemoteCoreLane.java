package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;

/**
 * MCP servers over HTTP as tool sources: {@code server-everything} started by the lane twice,
 * {@code streamableHttp} and legacy {@code sse}, each behind a proxy that records one header. The
 * streamable one is set up with {@code ocli init --type=mcp --transport=streamable-http --url=…
 * --header-secret=…} and {@code ocli config add-secret}, the sse one by hand; the managed daemon
 * lists and calls both, sends the secret's value (and a literal header) on every request, and
 * keeps the value out of the transcript and the audit.
 */
public final class McpRemoteCoreLane implements Lane {
    private static final String KEY_HEADER = "X-Lane-Key";

    @Override
    public void run(LaneContext ctx) throws Exception {
        String key = "lane-" + UUID.randomUUID();
        try (McpHttpServer streamable = McpHttpServer.start(ctx, "streamableHttp");
             McpHttpServer sse = McpHttpServer.start(ctx, "sse");
             HeaderRecordingProxy streamableProxy = HeaderRecordingProxy.start(streamable.base(), KEY_HEADER);
             HeaderRecordingProxy sseProxy = HeaderRecordingProxy.start(sse.base(), KEY_HEADER)) {
            McpProject p = new McpProject(ctx, "remote");
            p.env.put("LANE_MCP_KEY", key);
            String url = streamableProxy.base() + "/mcp";
            ProcResult init = p.ocli("init", "--type=mcp", "--transport=streamable-http", "--url=" + url, "--name=remote",
                    "--header-secret=" + KEY_HEADER + "=lane.key", "--header=X-Lane-Team=blue");
            ctx.check("ocli init --type=mcp --transport=streamable-http --url=… --header-secret=… writes the source and names the secret",
                    init.exitCode() == 0 && init.stdout().contains("(MCP server 'remote' over streamable-http, not contacted: its headers need secrets;")
                            && init.stdout().contains("ocli config add-secret lane.key --type env --value LANE_KEY"),
                    "exit " + init.exitCode() + " " + init.stdout().strip() + init.stderr().strip());
            ProcResult secret = p.ocli("config", "add-secret", "lane.key", "--type", "env", "--value", "LANE_MCP_KEY");
            ctx.check("ocli config add-secret lane.key --type env --value LANE_MCP_KEY", secret.exitCode() == 0, secret.stderr().strip());
            p.edit(c -> {
                ObjectNode transport = ((ObjectNode) c.path("sources")).putObject("legacy").put("type", "mcp").putObject("transport");
                transport.put("type", "sse").put("url", sseProxy.base() + "/sse").putObject("headerSecrets").put(KEY_HEADER, "lane.key");
                ((ObjectNode) c.path("services")).putObject("legacy").put("source", "legacy");
            });

            JsonNode catalog = p.catalog();
            List<String> ids = catalog == null ? List.of() : StreamSupport.stream(catalog.path("catalog").path("tools").spliterator(), false)
                    .map(t -> t.path("id").asText()).toList();
            ctx.check("catalog list: server-everything's tools over streamable HTTP (remote:…) and over SSE (legacy:…)",
                    ids.containsAll(List.of("remote:echo", "remote:get-sum", "legacy:echo", "legacy:get-sum")), ids.toString());
            if (catalog == null) return;
            for (String service : List.of("remote", "legacy")) {
                ProcResult echo = p.ocli(McpNpm.words(catalog, service + ":echo", "message", "over " + service));
                ctx.check(service + " echo: exit 0 and the server's text", echo.exitCode() == 0 && echo.stdout().contains("Echo: over " + service),
                        "exit " + echo.exitCode() + " " + echo.stdout().strip() + echo.stderr().strip());
                ProcResult sum = p.ocli(McpNpm.words(catalog, service + ":get-sum", "a", "40", "b", "2"));
                ctx.check(service + " get-sum --a 40 --b 2", sum.exitCode() == 0 && sum.stdout().contains("The sum of 40 and 2 is 42."),
                        "exit " + sum.exitCode() + " " + sum.stdout().strip() + sum.stderr().strip());
            }
            List<String> sent = streamableProxy.values();
            List<String> sentSse = sseProxy.values();
            ctx.check("every request to the streamable HTTP server carried " + KEY_HEADER + " = the secret's value",
                    !sent.isEmpty() && sent.stream().allMatch(key::equals), sent.size() + " requests, " + sent.stream().filter(key::equals).count() + " with it");
            ctx.check("every request to the SSE server (the event stream and the posted messages) carried it too",
                    sentSse.size() >= 2 && sentSse.stream().allMatch(key::equals),
                    sentSse.size() + " requests, " + sentSse.stream().filter(key::equals).count() + " with it");

            List<JsonNode> records = p.audit();
            ctx.check("one allowed tool_execution record per call, per source",
                    McpNpm.executions(records, "remote:echo", "allow") == 1 && McpNpm.executions(records, "remote:get-sum", "allow") == 1
                            && McpNpm.executions(records, "legacy:echo", "allow") == 1 && McpNpm.executions(records, "legacy:get-sum", "allow") == 1,
                    records.size() + " records");
            String auditText = Files.isRegularFile(p.instanceDir().resolve("audit.log")) ? Files.readString(p.instanceDir().resolve("audit.log")) : "";
            ctx.check("the header secret's value is in neither the transcript nor the audit",
                    !Files.readString(ctx.transcriptFile()).contains(key) && !auditText.contains(key), "scanned");
            ProcResult stop = p.ocli("runtime", "stop");
            ctx.check("ocli runtime stop", stop.exitCode() == 0, stop.stderr().strip());
        }
    }
}
