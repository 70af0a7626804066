package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencli.core.instance.InstanceId;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;

/**
 * A person using ocli over the test upstream with a managed local daemon: their own HOME (so state,
 * registry and audit live under {@code HOME/.local/state/oas-cli}), a project directory with a
 * {@code .cli.json} and no daemon started by hand. What the lanes of issue 16 look at: the registry
 * entry, the daemon processes of an instance, stopping one.
 */
final class LocalDaemonUser {
    final LaneContext ctx;
    final Path home;
    final UpstreamProject project;

    LocalDaemonUser(LaneContext ctx, String name, UpstreamProject project) throws IOException {
        this(ctx, Files.createDirectories(ctx.workDir().resolve("home-" + name)), project);
    }

    private LocalDaemonUser(LaneContext ctx, Path home, UpstreamProject project) {
        this.ctx = ctx;
        this.home = home;
        this.project = project;
    }

    /** The same person working in another project. */
    LocalDaemonUser in(UpstreamProject other) {
        return new LocalDaemonUser(ctx, home, other);
    }

    Path stateRoot() {
        return home.resolve(".local/state/oas-cli");
    }

    /** The instance id ocli derives for a config (no --instance-id, no OCLI_INSTANCE_ID). */
    static String derivedInstance(Path config) {
        return InstanceId.fromConfigPath(config);
    }

    Path instanceDir(String instanceId) {
        return stateRoot().resolve("instances").resolve(instanceId);
    }

    Path registry(String instanceId) {
        return instanceDir(instanceId).resolve("runtime.json");
    }

    /** {@code bin/ocli} as this person, in the project directory, with the secrets the config names. */
    ProcResult ocli(String... args) throws IOException, InterruptedException {
        return ocliWith(Map.of(), args);
    }

    ProcResult ocliWith(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Map<String, String> all = new java.util.HashMap<>(project.env());
        all.putAll(env);
        return ctx.ocliAs(home, project.dir, all, args);
    }

    Optional<JsonNode> entry(String instanceId) throws IOException {
        Path file = registry(instanceId);
        return Files.isRegularFile(file) ? Optional.of(ctx.json(Files.readString(file))) : Optional.empty();
    }

    long pid(String instanceId) throws IOException {
        return entry(instanceId).map(e -> e.path("pid").asLong(-1)).orElse(-1L);
    }

    static boolean alive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The oclird processes running for {@code instanceId} under this person's state root (by their command lines). */
    List<ProcessHandle> daemonProcesses(String instanceId) {
        String state = "--state-dir " + stateRoot();
        String instance = "--instance-id " + instanceId + " ";
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains("quarkus-run.jar") && c.contains(state) && c.contains(instance)).orElse(false)).toList();
    }

    /** {@code ocli [flags] runtime stop} as typed, in the project directory: it waits for the daemon's process to end. */
    ProcResult stop(String... flags) throws IOException, InterruptedException {
        List<String> args = new java.util.ArrayList<>(List.of(flags));
        args.addAll(List.of("runtime", "stop"));
        return ocli(args.toArray(String[]::new));
    }

    /** Waits (bounded) for {@code pid} to be gone. */
    static boolean ended(long pid, Duration limit) {
        return org.opencli.fleet.Processes.ended(pid, limit);
    }
}
