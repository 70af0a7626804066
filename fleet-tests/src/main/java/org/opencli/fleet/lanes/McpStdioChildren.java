package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.opencli.fleet.Background;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.Processes;

/**
 * The managed daemon's stdio server as the OS and {@code runtime.json} see it, through real processes:
 * an {@code ocli} interrupted (SIGINT) mid-call cancels the call down to server-everything, which
 * receives {@code notifications/cancelled} (its standard input is copied to a file on the way in), and
 * the call's one record says {@code caller_cancelled}; the registry names the server as a child (pid
 * and start instant); after {@code kill -9} of the daemon the next {@code ocli} ends the orphaned
 * server. The wrapper keeps the server's process alive after its input closes ({@code exec sleep}), as
 * a server that ignores the end of its input would, so the cleanup is what ends it.
 */
final class McpStdioChildren {
    private static final String LONG = "everything:trigger-long-running-operation";

    private McpStdioChildren() {
    }

    static void run(LaneContext ctx, Path everything) throws Exception {
        McpProject p = new McpProject(ctx, "children");
        Path received = ctx.workDir().resolve("children-received.jsonl");
        Files.writeString(p.config, """
                {"cli": "1.0.0", "mode": {"default": "discover"},
                 "mcpServers": {"everything": {"command": "sh",
                   "args": ["-c", "tee -a \\"$0\\" | \\"$1\\" stdio; exec sleep 600", "%s", "%s"]}}}
                """.formatted(received, everything));
        List<Long> leftovers = new ArrayList<>();
        try {
            ProcResult first = p.ocli("everything", "tools", "echo", "--message", "first");
            long daemon = p.daemonPid();
            ctx.check("a call through the managed daemon works over the wrapped server", first.exitCode() == 0
                    && first.stdout().contains("Echo: first"), "exit " + first.exitCode() + " " + first.stderr().strip());
            JsonNode children = registry(ctx, p).path("children");
            long child = children.path(0).path("pid").asLong(-1);
            leftovers.add(child);
            String startedAt = children.path(0).path("startedAt").asText("");
            boolean descendant = ProcessHandle.of(daemon).map(d -> d.descendants().anyMatch(h -> h.pid() == child)).orElse(false);
            boolean sameStart = ProcessHandle.of(child).flatMap(h -> h.info().startInstant()).map(Instant::toString)
                    .map(startedAt::equals).orElse(false);
            ctx.check("runtime.json names the running stdio server as the daemon's child (its pid and start instant)",
                    children.size() == 1 && descendant && sameStart, "children " + children + ", daemon " + daemon);

            cancelled(ctx, p, received);
            bridgeCancelled(ctx, p, received);

            ProcResult kill = ctx.exec(ctx.workDir(), Map.of(), "kill", "-9", String.valueOf(daemon));
            boolean daemonGone = Processes.ended(daemon, Duration.ofSeconds(10));
            boolean orphanAlive = Files.exists(Path.of("/proc", String.valueOf(child)));
            ctx.check("kill -9 of the daemon leaves its server running, orphaned", kill.exitCode() == 0 && daemonGone && orphanAlive,
                    "kill exit " + kill.exitCode() + ", daemon gone " + daemonGone + ", /proc/" + child + " exists " + orphanAlive);
            ProcResult next = p.ocli("everything", "tools", "echo", "--message", "after the kill");
            boolean orphanGone = Processes.ended(child, Duration.ofSeconds(10)) && !Files.exists(Path.of("/proc", String.valueOf(child)));
            long fresh = p.daemonPid();
            ctx.check("the next ocli cleans the stale entry: the orphaned server is ended (no /proc entry) and a new daemon serves",
                    next.exitCode() == 0 && next.stdout().contains("Echo: after the kill") && orphanGone && fresh != daemon,
                    "exit " + next.exitCode() + " " + next.stderr().strip() + ", orphan gone " + orphanGone + ", daemon " + fresh);
            registry(ctx, p).path("children").forEach(c -> leftovers.add(c.path("pid").asLong()));
            ProcResult stop = p.ocli("runtime", "stop");
            ctx.check("ocli runtime stop ends the new daemon", stop.exitCode() == 0 && Processes.ended(fresh, Duration.ofSeconds(30)),
                    "stop exit " + stop.exitCode());
        } finally {
            for (long pid : leftovers) ProcessHandle.of(pid).ifPresent(h -> {
                h.descendants().forEach(ProcessHandle::destroyForcibly);
                h.destroyForcibly();
            });
        }
    }

    /** {@code ocli} interrupted while the server runs its call: the cancellation reaches the server, one record says so. */
    private static void cancelled(LaneContext ctx, McpProject p, Path received) throws Exception {
        int before = messages(received, "tools/call").size();
        try (Background call = ctx.ocliAsInBackground(p.home, p.dir, p.env, "everything", "tools", "trigger-long-running-operation",
                "--duration", "60", "--steps", "60")) {
            JsonNode sent = poll(Duration.ofSeconds(60), () -> {
                List<JsonNode> calls = messages(received, "tools/call");
                return calls.size() > before ? calls.get(before) : null;
            });
            ProcResult interrupt = ctx.exec(ctx.workDir(), Map.of(), "kill", "-INT", String.valueOf(call.pid()));
            ProcResult ended = call.finish(Duration.ofSeconds(30));
            JsonNode cancel = sent == null ? null : poll(Duration.ofSeconds(15), () -> messages(received, "notifications/cancelled")
                    .stream().filter(m -> m.path("params").path("requestId").equals(sent.path("id"))).findFirst().orElse(null));
            ctx.check("ocli interrupted (SIGINT) mid tools/call: server-everything receives notifications/cancelled for that request",
                    sent != null && interrupt.exitCode() == 0 && cancel != null,
                    "tools/call " + sent + ", ocli exit " + ended.exitCode() + ", cancel " + cancel);
        }
        JsonNode record = poll(Duration.ofSeconds(15), () -> p.audit().stream()
                .filter(r -> LONG.equals(r.path("toolId").asText())).findFirst().orElse(null));
        long records = p.audit().stream().filter(r -> LONG.equals(r.path("toolId").asText())).count();
        ctx.check("... its one audit record says caller_cancelled", record != null && records == 1
                && "caller_cancelled".equals(record.path("reasonCode").asText()), records + " records: " + record);
        ProcResult next = p.ocli("everything", "tools", "echo", "--message", "after the cancel");
        ctx.check("... and the source serves the next call", next.exitCode() == 0 && next.stdout().contains("Echo: after the cancel"),
                "exit " + next.exitCode() + " " + next.stderr().strip());
    }

    /**
     * {@code ocli mcp serve} over the same managed daemon: the agent's {@code notifications/cancelled}
     * aborts ocli's HTTP call to the daemon, which cancels the call at server-everything in turn.
     */
    private static void bridgeCancelled(LaneContext ctx, McpProject p, Path received) throws Exception {
        int before = messages(received, "tools/call").size();
        Path out = ctx.workDir().resolve("serve-out.jsonl");
        Path err = ctx.workDir().resolve("serve-err.txt");
        ProcessBuilder pb = new ProcessBuilder(ctx.repoRoot().resolve("bin/ocli").toString(), "mcp", "serve").directory(p.dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        LaneContext.userEnvironment(p.home, p.env).forEach((k, v) -> {
            if (v == null) pb.environment().remove(k);
            else pb.environment().put(k, v);
        });
        ctx.log("$ ocli mcp serve (in " + p.dir + "), driven over stdio");
        Process serve = pb.start();
        try (var in = serve.getOutputStream()) {
            in.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"lane\",\"version\":\"1\"}}}\n"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                    + "{\"jsonrpc\":\"2.0\",\"id\":21,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"everything__trigger-long-running-operation\",\"arguments\":{\"duration\":60,\"steps\":60}}}\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            in.flush();
            JsonNode sent = poll(Duration.ofSeconds(60), () -> {
                List<JsonNode> calls = messages(received, "tools/call");
                return calls.size() > before ? calls.get(before) : null;
            });
            in.write("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":21}}\n"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            in.flush();
            JsonNode cancel = sent == null ? null : poll(Duration.ofSeconds(15), () -> messages(received, "notifications/cancelled")
                    .stream().filter(m -> m.path("params").path("requestId").equals(sent.path("id"))).findFirst().orElse(null));
            JsonNode second = poll(Duration.ofSeconds(15), () -> {
                List<JsonNode> cancelledRecords = p.audit().stream().filter(r -> LONG.equals(r.path("toolId").asText())
                        && "caller_cancelled".equals(r.path("reasonCode").asText())).toList();
                return cancelledRecords.size() >= 2 ? cancelledRecords.get(1) : null;
            });
            ctx.check("ocli mcp serve: the agent's notifications/cancelled aborts ocli's call to the daemon, which cancels it at "
                    + "server-everything (notifications/cancelled) and records caller_cancelled", sent != null && cancel != null
                            && second != null, "tools/call " + sent + ", cancel " + cancel + ", record " + second);
        }
        boolean ended = serve.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        String answers = Files.readString(out);
        ctx.check("... standard input closed: ocli mcp serve exits 0, and sent no answer for the cancelled call",
                ended && serve.exitValue() == 0 && answers.contains("\"id\":1") && !answers.contains("\"id\":21"),
                "ended " + ended + ", answers " + answers.strip() + ", stderr " + Files.readString(err).strip());
        if (!ended) serve.destroyForcibly();
    }

    private static JsonNode registry(LaneContext ctx, McpProject p) throws IOException {
        Path file = p.instanceDir().resolve("runtime.json");
        return Files.isRegularFile(file) ? ctx.json(Files.readString(file)) : ctx.json("{}");
    }

    /** {@code probe}'s first non-null answer, polled every 100 ms up to {@code limit}; null when none came. */
    private static JsonNode poll(Duration limit, Callable<JsonNode> probe) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        Object tick = new Object();
        while (true) {
            JsonNode found = probe.call();
            if (found != null || Instant.now().isAfter(deadline)) return found;
            synchronized (tick) {
                tick.wait(100); // the poll interval
            }
        }
    }

    private static List<JsonNode> messages(Path received, String method) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        if (!Files.exists(received)) return found;
        for (String line : Files.readAllLines(received)) {
            try {
                JsonNode m = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
                if (m != null && method.equals(m.path("method").asText())) found.add(m);
            } catch (IOException partial) {
                // the last line may still be on its way
            }
        }
        return found;
    }
}
