package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opencli.fleet.Daemon;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;

/**
 * The daemon side of a managed local runtime, with real processes: an {@code oclird --managed} whose
 * only lease is held by an owner process lives past its heartbeat window while the owner runs, and
 * drains and exits once the owner has ended (runtime.json removed, {@code session_expiry} audited);
 * a second daemon for a live instance refuses to start; {@code POST /v1/runtime/stop} stops a daemon
 * as SIGTERM does; a {@code kill -9}ed daemon's stale entry is cleaned by the next start, its recorded
 * child ended.
 */
public final class ManagedDaemonLifecycleLane implements Lane {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HEARTBEAT_SECONDS = 2;
    private static final int MISSED_LIMIT = 3;

    @Override
    public void run(LaneContext ctx) throws Exception {
        Path dir = ctx.fixture("tickets");
        Path config = dir.resolve(".cli.json");
        ObjectNode root = (ObjectNode) JSON.readTree(config.toFile());
        root.putObject("runtime").putObject("local").put("heartbeatSeconds", HEARTBEAT_SECONDS)
                .put("missedHeartbeatLimit", MISSED_LIMIT);
        Files.write(config, JSON.writeValueAsBytes(root));

        ownerExitEndsAManagedDaemon(ctx, config);
        stopEndpointStopsADaemon(ctx, config);
        staleEntryIsCleanedByTheNextStart(ctx, config);
    }

    private void ownerExitEndsAManagedDaemon(LaneContext ctx, Path config) throws Exception {
        Process owner = new ProcessBuilder("sleep", "600").start();
        try {
            Daemon daemon = ctx.startDaemon("managed", "--config", config.toString(), "--managed", "--file-check-interval", "0");
            JsonNode entry = JSON.readTree(daemon.registryFile().toFile());
            String daemonStart = ProcessHandle.of(daemon.process().pid()).flatMap(h -> h.info().startInstant())
                    .map(Instant::toString).orElse("?");
            ctx.check("runtime.json says managed, the daemon's start instant, its config fingerprint and no children",
                    entry.path("managed").asBoolean() && Instant.parse(entry.path("startedAt").asText()).toString().equals(daemonStart)
                            && entry.path("configFingerprint").asText().matches("[0-9a-f]{64}")
                            && entry.path("children").isArray() && entry.path("children").isEmpty(),
                    entry.path("startedAt").asText() + " / " + daemonStart);

            ProcResult second = ctx.exec(ctx.workDir(), java.util.Map.of(), ctx.repoRoot().resolve("bin/oclird").toString(),
                    "--state-dir", ctx.stateDir().toString(), "--instance-id", "managed", "--config", config.toString());
            ctx.check("a second daemon for the live instance refuses to start, naming the pid and url",
                    second.exitCode() == 2 && second.stderr().contains("pid " + daemon.process().pid())
                            && second.stderr().contains(daemon.url()), "exit " + second.exitCode() + " " + second.stderr().strip());

            String ownerStart = owner.toHandle().info().startInstant().orElseThrow().toString();
            HttpResponse<String> lease = ctx.post(daemon.url() + "/v1/runtime/heartbeat", "{\"sessionId\": \"term-lane\", \"ownerPid\": "
                    + owner.pid() + ", \"ownerStartedAt\": \"" + ownerStart + "\", \"configFingerprint\": \""
                    + entry.path("configFingerprint").asText() + "\"}");
            ctx.check("the owner's session takes a lease", lease.statusCode() == 200
                    && ctx.json(lease.body()).path("heartbeatSeconds").asInt() == HEARTBEAT_SECONDS, lease.body());

            int window = HEARTBEAT_SECONDS * MISSED_LIMIT;
            boolean endedEarly = daemon.process().waitFor(2L * window, TimeUnit.SECONDS);
            JsonNode lifecycle = endedEarly ? null : ctx.json(ctx.get(daemon.url() + "/v1/runtime/info").body()).path("lifecycle");
            ctx.check("while the owner runs the daemon outlives twice its heartbeat window, one session active",
                    !endedEarly && lifecycle.path("activeSessions").asInt() == 1 && lifecycle.path("managed").asBoolean(),
                    endedEarly ? "exited with " + daemon.process().exitValue() : lifecycle.toString());

            owner.destroy();
            owner.waitFor(10, TimeUnit.SECONDS);
            boolean exited = daemon.process().waitFor(window + HEARTBEAT_SECONDS + 60L, TimeUnit.SECONDS);
            ctx.check("once the owner has ended, the managed daemon exits by itself (status 0) and removes runtime.json",
                    exited && daemon.process().exitValue() == 0 && !Files.exists(daemon.registryFile()),
                    exited ? "exit " + daemon.process().exitValue() : "still running");
            Path audit = ctx.stateDir().resolve("instances/managed/audit.log");
            String records = Files.readString(audit);
            ctx.check("the lease's end is audited as session_expiry (owner_exited)", records.contains("\"session_expiry\"")
                    && records.contains("\"owner_exited\"") && records.contains("\"sessionId\":\"term-lane\""), "");
            ctx.check("and the daemon's own stop as runtime_stop (idle)", records.lines()
                    .anyMatch(line -> line.contains("\"runtime_stop\"") && line.contains("\"idle\"")), "");
            verify(ctx, audit);
        } finally {
            owner.destroyForcibly();
        }
    }

    private void stopEndpointStopsADaemon(LaneContext ctx, Path config) throws Exception {
        Daemon daemon = ctx.startDaemon("stopped", "--config", config.toString());
        HttpResponse<String> stop = ctx.post(daemon.url() + "/v1/runtime/stop", "{}");
        boolean exited = daemon.process().waitFor(60, TimeUnit.SECONDS);
        ctx.check("POST /v1/runtime/stop answers {stopped: true}, then the daemon exits 0 and removes runtime.json",
                stop.statusCode() == 200 && ctx.json(stop.body()).path("stopped").asBoolean() && exited
                        && daemon.process().exitValue() == 0 && !Files.exists(daemon.registryFile()),
                stop.statusCode() + " " + stop.body() + (exited ? " exit " + daemon.process().exitValue() : " still running"));
        Path audit = ctx.stateDir().resolve("instances/stopped/audit.log");
        ctx.check("the stop is audited as runtime_stop", Files.readString(audit).contains("\"runtime_stop\""), "");
        verify(ctx, audit);
    }

    private void staleEntryIsCleanedByTheNextStart(LaneContext ctx, Path config) throws Exception {
        Daemon killed = ctx.startDaemon("stale", "--config", config.toString());
        killed.process().destroyForcibly();
        killed.process().waitFor(30, TimeUnit.SECONDS);
        ctx.check("after kill -9 the daemon's runtime.json is left behind", Files.exists(killed.registryFile()), "");

        Process child = new ProcessBuilder("sleep", "600").start();
        try {
            ObjectNode entry = (ObjectNode) JSON.readTree(killed.registryFile().toFile());
            ArrayNode children = entry.putArray("children");
            children.addObject().put("pid", child.pid()).put("startedAt", child.toHandle().info().startInstant().orElseThrow().toString());
            Files.write(killed.registryFile(), JSON.writeValueAsBytes(entry)); // as if the daemon had started it

            Daemon next = ctx.startDaemon("stale", "--config", config.toString());
            boolean childEnded = child.waitFor(30, TimeUnit.SECONDS);
            JsonNode fresh = JSON.readTree(next.registryFile().toFile());
            ctx.check("the next start cleans the stale entry: its recorded child is ended, its own entry written",
                    childEnded && fresh.path("pid").asLong() == next.process().pid()
                            && fresh.path("pid").asLong() != killed.process().pid(),
                    childEnded ? "pid " + fresh.path("pid").asLong() : "child still running");
            next.close();
        } finally {
            child.destroyForcibly();
        }
    }

    private static void verify(LaneContext ctx, Path audit) throws Exception {
        ProcResult verify = ctx.ocli("audit", "verify", "--path", audit.toString());
        List<String> said = new ArrayList<>(List.of(verify.stdout().strip(), verify.stderr().strip()));
        ctx.check("ocli audit verify accepts " + audit.getParent().getFileName() + "'s chain", verify.exitCode() == 0,
                String.join(" ", said));
    }
}
