package org.opencli.cli.runtime;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.core.instance.OwnerOnlyFiles;
import org.opencli.core.instance.RegistryEntry;
import org.opencli.core.instance.RuntimeRegistry;
import org.opencli.core.instance.StateLayout;

/**
 * A managed {@code oclird} for one config and instance, started on demand (docs/deployment.md,
 * "Local daemon"): detached ({@code setsid}, stdin {@code /dev/null}, output appended to
 * {@code <instanceDir>/oclird.log}), with the start race between concurrent first calls settled by
 * an exclusive lock on {@code <instanceDir>/start.lock}, held from "no live entry" until the new
 * daemon's entry is written and its port answers. Exactly one daemon runs per instance.
 */
final class ManagedDaemon {
    static final String LAUNCHER_PROPERTY = "ocli.oclird";
    static final String LAUNCHER_ENV = "OCLI_OCLIRD";
    private static final Duration START_WAIT = Duration.ofSeconds(60);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private final Path launcher;
    private final Path config;
    private final StateLayout layout;
    private final RuntimeRegistry registry;
    private final Path cacheDir;

    /** {@code cacheDir}: the instance's cache as the embedded engine would use it, so both topologies share one. */
    ManagedDaemon(Path launcher, Path config, StateLayout layout, Path cacheDir) {
        this.launcher = launcher;
        this.config = config;
        this.layout = layout;
        this.cacheDir = cacheDir;
        this.registry = new RuntimeRegistry(layout.registryFile());
    }

    /** The oclird launcher: system property {@code ocli.oclird} (set by bin/ocli), else {@code OCLI_OCLIRD}; only an executable file counts. */
    static Optional<Path> launcher(Map<String, String> env) {
        String named = System.getProperty(LAUNCHER_PROPERTY);
        if (named == null || named.isBlank()) named = env.get(LAUNCHER_ENV);
        if (named == null || named.isBlank()) return Optional.empty();
        Path path = Path.of(named).toAbsolutePath().normalize();
        return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }

    Path logFile() {
        return layout.instanceDir().resolve("oclird.log");
    }

    /** What {@link #ensure} found: the live entry, and whether this call started its daemon. */
    record Running(RegistryEntry entry, boolean started) {
    }

    /** The instance's live daemon, started now when there is none. */
    Running ensure() {
        Optional<RegistryEntry> live = registry.readLive();
        if (live.isPresent()) return new Running(live.get(), false);
        try (FileChannel channel = lockChannel(); FileLock ignored = channel.lock()) {
            live = registry.readLive(); // a concurrent first call may have started it while this one waited
            if (live.isPresent()) return new Running(live.get(), false);
            return new Running(start(), true);
        } catch (IOException e) {
            throw startFailed("cannot lock " + layout.instanceDir().resolve("start.lock") + " (" + e.getMessage() + ")");
        }
    }

    /**
     * Replaces {@code stale} (a daemon serving another config) with a fresh one: under the start
     * lock, it is stopped unless a concurrent call replaced it already, then a new one is started.
     */
    Running replace(RegistryEntry stale, HttpRuntimeClient staleClient) {
        try (FileChannel channel = lockChannel(); FileLock ignored = channel.lock()) {
            Optional<RegistryEntry> live = registry.readLive();
            if (live.isPresent() && live.get().pid() != stale.pid()) return new Running(live.get(), false);
            if (live.isPresent()) stop(stale, staleClient);
            return new Running(start(), true);
        } catch (IOException e) {
            throw startFailed("cannot lock " + layout.instanceDir().resolve("start.lock") + " (" + e.getMessage() + ")");
        }
    }

    /** {@code POST /v1/runtime/stop}, then waits for the process to end; one that does not is ended by signal. */
    private void stop(RegistryEntry entry, HttpRuntimeClient client) {
        Optional<ProcessHandle> process = ProcessHandle.of(entry.pid());
        try {
            client.stopRuntime();
        } catch (RuntimeException unanswered) {
            process.ifPresent(ProcessHandle::destroy); // already stopping, or a daemon without the endpoint: SIGTERM
        }
        process.ifPresent(p -> {
            try {
                p.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception notEnded) {
                p.destroyForcibly();
            }
        });
        registry.removeIfOwnedBy(entry.pid());
    }

    private FileChannel lockChannel() throws IOException {
        OwnerOnlyFiles.createDirectories(layout.instanceDir());
        return FileChannel.open(layout.instanceDir().resolve("start.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    /** Starts the daemon and waits (bounded) for its registry entry and port; on failure the child is ended. */
    private RegistryEntry start() throws IOException {
        Path log = logFile();
        if (!Files.exists(log)) OwnerOnlyFiles.write(log, new byte[0]);
        Files.writeString(log, "--- " + Instant.now() + " started by ocli (pid " + ProcessHandle.current().pid() + ")\n",
                StandardOpenOption.APPEND);
        Process child = new ProcessBuilder(command()).directory(config.getParent().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true).start();
        Instant deadline = Instant.now().plus(START_WAIT);
        try {
            while (Instant.now().isBefore(deadline)) {
                // read, not readLive: an entry written before its port accepts is not stale, only early
                Optional<RegistryEntry> entry = registry.read().filter(RuntimeRegistry::isLive);
                if (entry.isPresent()) return entry.get();
                // setsid forks when it cannot become a session leader itself: an exit 0 is that, not a failure
                if (!child.isAlive() && child.exitValue() != 0) {
                    throw startFailed("oclird exited with " + child.exitValue() + " before it answered; see " + log);
                }
                if (child.isAlive()) child.waitFor(50, TimeUnit.MILLISECONDS);
                else Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        end(child);
        throw startFailed("oclird did not answer within " + START_WAIT.toSeconds() + " s and was ended; see " + log);
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        SETSID.stream().filter(Files::isExecutable).findFirst().ifPresent(p -> command.add(p.toString()));
        command.addAll(List.of(launcher.toString(), "--config", config.toString(), "--instance-id", layout.instanceId(),
                "--state-dir", layout.stateRoot().toString(), "--managed", "--file-check-interval", "0"));
        // with --state-dir alone the daemon caches under the state root; a cache elsewhere (XDG_CACHE_HOME,
        // ~/.cache, OCLI_CACHE_DIR) is named by its root: --cache-dir DIR means DIR/instances/<id>
        if (!cacheDir.equals(layout.cacheDir())) command.addAll(List.of("--cache-dir", cacheDir.getParent().getParent().toString()));
        return command;
    }

    private static void end(Process child) {
        child.descendants().forEach(ProcessHandle::destroy);
        child.destroy();
        try {
            if (!child.waitFor(2, TimeUnit.SECONDS)) {
                child.descendants().forEach(ProcessHandle::destroyForcibly);
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private CliException startFailed(String why) {
        return new CliException(ExitCodes.UNREACHABLE, "local_runtime_start_failed", "Local runtime did not start",
                "could not start the local daemon for instance " + layout.instanceId() + ": " + why);
    }
}
