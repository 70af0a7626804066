package org.opencli.fleet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.opencli.core.instance.RegistryEntry;
import org.opencli.core.instance.RuntimeRegistry;

/**
 * The local daemons ocli started on demand during a lane (managed {@code oclird}, detached from the
 * ocli that started them): found through the registries under the state roots the lane's runs used,
 * and ended when the lane ends, so no lane leaves a process behind.
 */
final class ManagedDaemons {
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private ManagedDaemons() {
    }

    /** The state root a run with this environment, directory and command line uses (as StateLayout decides it). */
    static Path stateRoot(Map<String, String> env, Path cwd, List<String> command) {
        for (int i = 0; i < command.size(); i++) {
            String arg = command.get(i);
            if (arg.equals("--state-dir") && i + 1 < command.size()) return cwd.resolve(command.get(i + 1)).normalize();
            if (arg.startsWith("--state-dir=")) return cwd.resolve(arg.substring("--state-dir=".length())).normalize();
        }
        if (notBlank(env.get("OCLI_STATE_DIR"))) return cwd.resolve(env.get("OCLI_STATE_DIR")).normalize();
        if (notBlank(env.get("XDG_STATE_HOME"))) return Path.of(env.get("XDG_STATE_HOME"), "oas-cli");
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "state", "oas-cli");
    }

    /** Stops every live daemon registered under {@code roots} that the lane did not start itself ({@code own}). */
    static void stopAll(LaneContext ctx, Set<Path> roots, Set<Long> own) {
        for (Path root : roots) {
            for (Path registry : registries(root)) {
                Optional<RegistryEntry> entry = new RuntimeRegistry(registry).read();
                Path log = registry.resolveSibling("oclird.log");
                if (Files.isRegularFile(log)) ctx.keepArtifact(log);
                if (entry.isEmpty() || own.contains(entry.get().pid()) || !RuntimeRegistry.isLive(entry.get())) continue;
                stop(ctx, entry.get());
            }
        }
    }

    /** {@code POST /v1/runtime/stop} with the owner key, then the process must end; one that does not is ended by signal. */
    static void stop(LaneContext ctx, RegistryEntry entry) {
        Optional<ProcessHandle> process = ProcessHandle.of(entry.pid());
        int status = -1;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(entry.url() + "/v1/runtime/stop"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"));
            if (entry.clientKey() != null) request.header("Authorization", "Bearer " + entry.clientKey());
            status = ctx.http().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            // the daemon may be stopping already; the pid decides
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean ended = Processes.ended(entry.pid(), STOP_WAIT);
        if (!ended) {
            process.ifPresent(ProcessHandle::destroy);
            if (!Processes.ended(entry.pid(), Duration.ofSeconds(5))) {
                process.ifPresent(ProcessHandle::destroyForcibly);
                Processes.ended(entry.pid(), Duration.ofSeconds(5));
            }
        }
        ctx.log("lane end: stopped managed oclird pid " + entry.pid() + " (instance " + entry.instanceId() + ", POST /v1/runtime/stop -> "
                + status + (ended ? ", exited" : ", did not exit in " + STOP_WAIT.toSeconds() + " s: ended by signal") + ")");
    }

    private static List<Path> registries(Path root) {
        Path instances = root.resolve("instances");
        if (!Files.isDirectory(instances)) return List.of();
        try (Stream<Path> dirs = Files.list(instances)) {
            return dirs.map(d -> d.resolve("runtime.json")).filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
