package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;

/**
 * The managed local daemon's lease, as a user meets it (docs/deployment.md, local daemon): with
 * {@code runtime.local.heartbeatSeconds: 1} a daemon started by an ocli call from a shell exits once
 * that shell (the lease's owner) ends — runtime.json removed, {@code session_expiry} audited; with
 * {@code sessionScope: shared-group, shutdown: manual} it outlives its callers, {@code ocli runtime
 * session-close} audits {@code session_close}, and only {@code ocli runtime stop} ends it.
 * {@code ocli status} is read in both states, with {@code --format json} and {@code --format=json}.
 */
public final class LocalDaemonLeaseLane implements Lane {
    private static final Duration LAPSE_BOUND = Duration.ofSeconds(45);

    @Override
    public void run(LaneContext ctx) throws Exception {
        Path openapi = ctx.fixture("tickets").resolve("helpdesk.openapi.yaml");
        // 5 missed heartbeats: the first lease must be taken within 5 s of the daemon's start, on a loaded machine too
        ownerExits(ctx, project(ctx, "owner-exits", openapi, "{\"mode\":\"local\",\"local\":{\"heartbeatSeconds\":1,"
                + "\"missedHeartbeatLimit\":5}}"));
        // a shared-group lease has no owner process: it lives missedHeartbeatLimit heartbeats, long enough to close it by hand
        manualShared(ctx, project(ctx, "shared-manual", openapi, "{\"mode\":\"local\",\"local\":{\"sessionScope\":\"shared-group\","
                + "\"shutdown\":\"manual\",\"share\":\"group\",\"shareKey\":\"lane-team-key\",\"heartbeatSeconds\":1,"
                + "\"missedHeartbeatLimit\":10}}"));
    }

    /** A project directory with the helpdesk description and a config whose {@code runtime} is {@code runtimeJson}. */
    private static Path project(LaneContext ctx, String name, Path openapi, String runtimeJson) throws IOException {
        Path dir = Files.createDirectories(ctx.workDir().resolve(name));
        Files.copy(openapi, dir.resolve("helpdesk.openapi.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve(".cli.json"), "{\"cli\":\"1.0.0\",\"mode\":{\"default\":\"discover\"},"
                + "\"sources\":{\"helpdesk\":{\"type\":\"openapi\",\"uri\":\"./helpdesk.openapi.yaml\"}},"
                + "\"services\":{\"helpdesk\":{\"source\":\"helpdesk\",\"alias\":\"hd\"}},\"runtime\":" + runtimeJson + "}");
        return dir;
    }

    private void ownerExits(LaneContext ctx, Path project) throws Exception {
        // the owner of a terminal-scoped lease is the shell that ran ocli: a shell that stays until the lane ends it
        Path done = ctx.workDir().resolve("owner-exits.done");
        ProcessBuilder owner = new ProcessBuilder("bash", "-c", "\"$0\" catalog list > \"$1.out\" 2>&1; echo $? > \"$1\"; exec sleep 300",
                ctx.repoRoot().resolve("bin/ocli").toString(), done.toString())
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(ctx.workDir().resolve("owner-shell.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        owner.environment().put("OCLI_STATE_DIR", ctx.stateDir().toString());
        Process shell = owner.start();
        shell.getOutputStream().close();
        Optional<Long> daemonPid = Optional.empty();
        try {
            ctx.log("$ bash -c 'ocli catalog list; exec sleep 300'   # the owner shell, pid " + shell.pid());
            boolean called = eventually(Duration.ofSeconds(120), () -> Files.exists(done));
            String said = Files.exists(done.resolveSibling(done.getFileName() + ".out"))
                    ? Files.readString(done.resolveSibling(done.getFileName() + ".out")) : "";
            ctx.log("owner's ocli catalog list said:\n" + said.strip());
            ctx.check("an ocli call from a shell starts a managed daemon and is answered", called
                    && Files.readString(done).strip().equals("0") && said.contains("helpdesk:"), called ? Files.readString(done).strip() : "no exit");

            JsonNode live = status(ctx, project, "--format", "json");
            Path registry = ctx.stateDir().resolve("instances").resolve(live.path("instanceId").asText()).resolve("runtime.json");
            daemonPid = Optional.of(live.path("runtime").path("pid").asLong(-1)).filter(p -> p > 0);
            ctx.check("status (daemon live, --format json): a local daemon chosen by the registry, managed, one session, healthy",
                    live.path("runtime").path("kind").asText().equals("local-daemon")
                            && live.path("runtime").path("reason").asText().startsWith("registry")
                            && live.path("runtime").path("lifecycle").path("managed").asBoolean(false)
                            && live.path("runtime").path("lifecycle").path("activeSessions").asInt(-1) >= 1
                            && live.path("health").path("state").asText().equals("ok") && Files.exists(registry)
                            && live.path("tools").path("count").asInt(-1) > 0,
                    live.path("runtime").toString());
            JsonNode liveEquals = status(ctx, project, "--format=json");
            ctx.check("status --format=json says the same", liveEquals.path("runtime").path("pid").asLong() == daemonPid.orElse(-2L),
                    liveEquals.path("runtime").toString());

            shell.destroy();
            shell.waitFor(10, TimeUnit.SECONDS);
            ctx.log("the owner shell ended (pid " + shell.pid() + ")");
            long pid = daemonPid.orElse(-1L);
            boolean exited = eventually(LAPSE_BOUND, () -> !alive(pid) && !Files.exists(registry));
            ctx.check("the daemon exits once its owner's lease lapses, and removes runtime.json", exited,
                    "pid " + pid + (alive(pid) ? " still running" : " ended") + ", runtime.json " + (Files.exists(registry) ? "present" : "gone"));
            Path audit = Path.of(live.path("audit").path("path").asText());
            ctx.check("the lapse is audited as session_expiry", auditHas(audit, "session_expiry"), audit.toString());

            JsonNode none = status(ctx, project, "--format=json");
            ctx.check("status (no daemon, --format=json) says none is running and starts none",
                    !none.path("runtime").path("running").asBoolean(true) && !none.path("health").path("state").asText().equals("ok")
                            && !Files.exists(registry),
                    none.path("runtime") + " " + none.path("health"));
            JsonNode noneSpaced = status(ctx, project, "--format", "json");
            ctx.check("status --format json says the same", noneSpaced.path("runtime").equals(none.path("runtime")) && !Files.exists(registry),
                    noneSpaced.path("runtime").toString());
        } finally {
            shell.destroyForcibly();
            daemonPid.flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private void manualShared(LaneContext ctx, Path project) throws Exception {
        Optional<Long> daemonPid = Optional.empty();
        try {
            ProcResult first = ctx.ocliIn(project, Map.of(), "catalog", "list");
            ctx.check("shared-group: an ocli call starts the managed daemon", first.exitCode() == 0, first.stderr().strip());
            ProcResult close = ctx.ocliIn(project, Map.of(), "runtime", "session-close");
            ctx.check("ocli runtime session-close closes the group's session", close.exitCode() == 0
                    && close.stdout().startsWith("closed session group-"), close.stdout().strip() + close.stderr().strip());

            JsonNode live = status(ctx, project, "--format", "json");
            Path registry = ctx.stateDir().resolve("instances").resolve(live.path("instanceId").asText()).resolve("runtime.json");
            Path audit = Path.of(live.path("audit").path("path").asText());
            daemonPid = Optional.of(live.path("runtime").path("pid").asLong(-1)).filter(p -> p > 0);
            long pid = daemonPid.orElse(-1L);
            JsonNode lifecycle = live.path("runtime").path("lifecycle");
            ctx.check("status (daemon live, --format json): shutdown manual, sessionScope shared-group, no session left",
                    lifecycle.path("shutdown").asText().equals("manual") && lifecycle.path("sessionScope").asText().equals("shared-group")
                            && lifecycle.path("activeSessions").asInt(-1) == 0 && alive(pid), lifecycle.toString());
            ctx.check("the close is audited as session_close", auditHas(audit, "session_close"), audit.toString());
            ctx.check("shutdown manual: the daemon stays with no lease left", holds(Duration.ofSeconds(3),
                    () -> alive(pid) && Files.exists(registry)), "pid " + pid);

            ProcResult again = ctx.ocliIn(project, Map.of(), "hd", "--help");
            ctx.check("a later call takes a new lease on the same daemon", again.exitCode() == 0, again.stderr().strip());
            ctx.check("its lease lapses unrenewed (session_expiry)", eventually(LAPSE_BOUND, () -> auditHas(audit, "session_expiry")),
                    audit.toString());
            ctx.check("and the daemon still stays", holds(Duration.ofSeconds(3), () -> alive(pid) && Files.exists(registry)), "pid " + pid);

            JsonNode liveEquals = status(ctx, project, "--format=json");
            ctx.check("status --format=json: the same daemon, healthy", liveEquals.path("runtime").path("pid").asLong() == pid
                    && liveEquals.path("health").path("state").asText().equals("ok"), liveEquals.path("runtime").toString());

            ProcResult stop = ctx.ocliIn(project, Map.of(), "runtime", "stop");
            ctx.check("ocli runtime stop ends it: the pid is gone when the command returns, runtime.json removed",
                    stop.exitCode() == 0 && stop.stdout().contains("stopped oclird") && !alive(pid) && !Files.exists(registry),
                    stop.stdout().strip() + " " + stop.stderr().strip());
            ctx.check("the stop is audited (runtime_stop)", auditHas(audit, "runtime_stop"), audit.toString());

            for (List<String> format : List.of(List.of("--format", "json"), List.of("--format=json"))) {
                JsonNode none = status(ctx, project, format.toArray(String[]::new));
                ctx.check("status (no daemon, " + String.join(" ", format) + ") reports it and starts none",
                        !none.path("runtime").path("running").asBoolean(true) && !Files.exists(registry), none.path("runtime").toString());
            }
            ProcResult stopAgain = ctx.ocliIn(project, Map.of(), "runtime", "stop");
            ctx.check("with no daemon, runtime stop is a usage error that starts nothing", stopAgain.exitCode() == 2
                    && !Files.exists(registry), stopAgain.stderr().strip());
        } finally {
            daemonPid.flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** {@code ocli status <format...>} from the project directory, as typed; its JSON (exit 0 checked). */
    private static JsonNode status(LaneContext ctx, Path project, String... format) throws Exception {
        String[] args = new String[format.length + 1];
        args[0] = "status";
        System.arraycopy(format, 0, args, 1, format.length);
        ProcResult r = ctx.ocliIn(project, Map.of(), args);
        ctx.check("ocli status " + String.join(" ", format) + " exits 0 with JSON on stdout", r.exitCode() == 0 && r.stdout().startsWith("{"),
                "exit " + r.exitCode() + " " + r.stderr().strip());
        return ctx.json(r.stdout().isBlank() ? "{}" : r.stdout());
    }

    private static boolean alive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static boolean auditHas(Path audit, String eventType) throws IOException {
        return Files.isRegularFile(audit)
                && Pattern.compile("\"eventType\"\\s*:\\s*\"" + eventType + "\"").matcher(Files.readString(audit)).find();
    }

    /** True once {@code condition} holds, polled until {@code bound}; false when it never did. */
    private static boolean eventually(Duration bound, Callable<Boolean> condition) {
        try {
            Awaitility.await().atMost(bound).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(condition);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** True when {@code condition} holds throughout {@code period}. */
    private static boolean holds(Duration period, Callable<Boolean> condition) {
        try {
            Awaitility.await().during(period).atMost(period.plusSeconds(5)).pollInterval(Duration.ofMillis(200)).until(condition);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }
}
