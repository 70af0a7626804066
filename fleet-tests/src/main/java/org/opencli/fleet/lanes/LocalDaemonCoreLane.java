package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencli.fleet.Background;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * The local daemon as a user meets it (issue 16): a project with a {@code .cli.json} and no daemon;
 * the first tool call starts a managed oclird (registry written, pid alive), the next reuses it;
 * 20 concurrent first calls on a fresh instance start exactly one daemon and all succeed; the answer
 * equals an {@code --embedded} call's; stopping it ends the process and removes the registry entry.
 */
public final class LocalDaemonCoreLane implements Lane {
    private static final int CONCURRENT = 20;

    @Override
    public void run(LaneContext ctx) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamProject project = UpstreamProject.create(ctx, upstream, config -> {});
            LocalDaemonUser user = new LocalDaemonUser(ctx, "user", project);
            String instance = LocalDaemonUser.derivedInstance(project.config);
            ctx.check("no daemon before the first call", user.entry(instance).isEmpty() && user.daemonProcesses(instance).isEmpty(), instance);

            ProcResult first = user.ocli("upstream", "diagnostics", "echo-get", "first-call");
            long pid = user.pid(instance);
            JsonNode entry = user.entry(instance).orElse(null);
            ctx.check("the first tool call starts a managed daemon: exit 0, registry written, pid alive",
                    first.exitCode() == 0 && entry != null && LocalDaemonUser.alive(pid) && entry.path("managed").asBoolean(false),
                    "exit " + first.exitCode() + " " + first.stderr().strip() + " entry " + (entry == null ? "none" : "pid " + pid
                            + " managed " + entry.path("managed")));
            ctx.check("the daemon writes its output to <instanceDir>/oclird.log",
                    Files.isRegularFile(user.instanceDir(instance).resolve("oclird.log")), "");

            ProcResult second = user.ocli("upstream", "diagnostics", "echo-get", "second-call");
            ctx.check("a second call reuses it (same pid, one daemon process)", second.exitCode() == 0 && user.pid(instance) == pid
                    && user.daemonProcesses(instance).size() == 1, "exit " + second.exitCode() + " pid " + user.pid(instance)
                            + " processes " + user.daemonProcesses(instance).size());

            sameAnswerAsEmbedded(ctx, user);
            pid = configChanges(ctx, user, instance, pid);
            concurrentFirstCalls(ctx, user);

            ProcResult stopped = user.stop();
            boolean ended = LocalDaemonUser.ended(pid, Duration.ofSeconds(30));
            ctx.check("ocli runtime stop ends the process and removes its registry entry", stopped.exitCode() == 0 && ended
                    && user.entry(instance).isEmpty() && user.daemonProcesses(instance).isEmpty(),
                    "stop exit " + stopped.exitCode() + " " + stopped.stderr().strip() + ", ended " + ended
                            + ", entry " + user.entry(instance).isPresent());
        }
    }

    /** The daemon's answer is the embedded engine's (another instance: an --embedded call of this one would go through the daemon). */
    private static void sameAnswerAsEmbedded(LaneContext ctx, LocalDaemonUser user) throws Exception {
        ProcResult created = user.ocli("upstream", "tickets", "create-ticket", "--body", "{\"title\":\"Compare me\"}");
        String id = created.exitCode() == 0 ? ctx.json(created.stdout()).path("id").asText() : "none";
        ProcResult viaDaemon = user.ocli("upstream", "tickets", "get-ticket", id);
        ProcResult embedded = user.ocli("--embedded", "--instance-id", "embedded-compare", "upstream", "tickets", "get-ticket", id);
        ctx.check("a call's answer equals an --embedded call's", viaDaemon.exitCode() == 0 && embedded.exitCode() == 0
                && ctx.json(viaDaemon.stdout()).equals(ctx.json(embedded.stdout())),
                "create exit " + created.exitCode() + ", daemon exit " + viaDaemon.exitCode() + ", embedded exit " + embedded.exitCode()
                        + " " + embedded.stderr().strip());
    }

    /**
     * An edit of the project config is seen by the very next call (managed daemons check files on
     * every request); a user-scope config the daemon was not started with (another XDG_CONFIG_HOME)
     * makes the files differ: the heartbeat's mismatch replaces the managed daemon, once. Returns the
     * daemon's pid after that.
     */
    private static long configChanges(LaneContext ctx, LocalDaemonUser user, String instance, long pid) throws Exception {
        String original = Files.readString(user.project.config);
        ObjectNode denying = (ObjectNode) ctx.json(original);
        denying.putObject("policy").putArray("deny").add("upstream:echoGet");
        Files.writeString(user.project.config, denying.toString());
        ProcResult denied = user.ocli("upstream", "diagnostics", "echo-get", "after-edit");
        Files.writeString(user.project.config, original);
        ProcResult allowed = user.ocli("upstream", "diagnostics", "echo-get", "after-revert");
        ctx.check("a config edit is seen by the next call, and its revert by the one after (same daemon)",
                denied.exitCode() == 5 && allowed.exitCode() == 0 && user.pid(instance) == pid,
                "exit " + denied.exitCode() + " then " + allowed.exitCode() + ", pid " + user.pid(instance));

        Path userScope = Files.createDirectories(ctx.workDir().resolve("xdg-config/oas-cli"));
        Files.writeString(userScope.resolve(".cli.json"), "{\"cli\": \"1.0.0\"}");
        ProcResult other = user.ocliWith(Map.of("XDG_CONFIG_HOME", userScope.getParent().toString()),
                "upstream", "diagnostics", "echo-get", "other-user-scope");
        long replaced = user.pid(instance);
        ctx.check("config files the daemon does not serve (another user scope): the managed daemon is replaced once and the call succeeds",
                other.exitCode() == 0 && replaced != pid && LocalDaemonUser.alive(replaced) && !LocalDaemonUser.alive(pid)
                        && user.daemonProcesses(instance).size() == 1,
                "exit " + other.exitCode() + " " + other.stderr().strip() + ", pid " + pid + " -> " + replaced);
        return replaced;
    }

    private static void concurrentFirstCalls(LaneContext ctx, LocalDaemonUser user) throws Exception {
        String instance = "concurrent-first";
        List<Background> calls = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            Map<String, String> env = new java.util.HashMap<>(user.project.env());
            calls.add(ctx.ocliAsInBackground(user.home, user.project.dir, env, "--instance-id", instance,
                    "upstream", "diagnostics", "echo-get", "concurrent-" + i));
        }
        int ok = 0;
        List<String> failures = new ArrayList<>();
        for (Background call : calls) {
            ProcResult result = call.finish(Duration.ofSeconds(110));
            if (result.exitCode() == 0 && result.stdout().contains("concurrent-")) ok++;
            else failures.add("exit " + result.exitCode() + " " + result.stderr().strip());
        }
        int processes = user.daemonProcesses(instance).size();
        long pid = user.pid(instance);
        ctx.check(CONCURRENT + " concurrent first calls on a fresh instance: all succeed", ok == CONCURRENT,
                ok + " ok " + failures.stream().limit(3).toList());
        ctx.check("... and exactly one daemon process runs, the one in the registry", processes == 1
                && LocalDaemonUser.alive(pid) && user.daemonProcesses(instance).get(0).pid() == pid,
                processes + " processes, registry pid " + pid);
        ProcResult stopped = user.stop("--instance-id", instance);
        ctx.check("... stopped, it is gone", stopped.exitCode() == 0 && LocalDaemonUser.ended(pid, Duration.ofSeconds(30)),
                "stop exit " + stopped.exitCode() + " " + stopped.stderr().strip());
    }
}
