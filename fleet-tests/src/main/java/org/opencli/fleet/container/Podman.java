package org.opencli.fleet.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.Processes;

/**
 * podman for one lane: the project's containers.conf (scripts/container-tools.sh, which also
 * installs podman when run as root), every command and its output in the transcript, and
 * everything the lane made removed at the end. What the lane makes carries the label
 * {@value #LANE_LABEL}={@code <lane>} (compose projects their own project label), and the same
 * removal runs first, so a run killed half-way leaves nothing to the next one. Other lanes and
 * helpers sharing podman's storage are never touched: removal is by this lane's labels only.
 */
public final class Podman implements AutoCloseable {
    public static final String LANE_LABEL = "org.opencli.fleet.lane";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration IMAGE_TIMEOUT = Duration.ofMinutes(25);

    private final LaneContext ctx;
    private final String lane;
    private final Map<String, String> env;
    private final List<String> ownerLabels = new ArrayList<>();
    private final List<String> redacted = new ArrayList<>();

    private Podman(LaneContext ctx, String lane, String containersConf) {
        this.ctx = ctx;
        this.lane = lane;
        this.env = Map.of("CONTAINERS_CONF", containersConf);
        ownerLabels.add(LANE_LABEL + "=" + lane);
    }

    /** Makes podman usable (installing it when root and missing) and clears what an earlier run of the lane left. */
    public static Podman prepare(LaneContext ctx, String lane) throws IOException, InterruptedException {
        Path tools = ctx.repoRoot().resolve("scripts/container-tools.sh");
        ProcResult prepared = exec(ctx, Map.of(), IMAGE_TIMEOUT, ctx.workDir(), List.of(), tools.toString());
        List<String> lines = prepared.stdout().strip().lines().toList();
        if (prepared.exitCode() != 0 || lines.isEmpty()) {
            throw new IllegalStateException("scripts/container-tools.sh failed (exit " + prepared.exitCode() + "): " + prepared.stderr().strip());
        }
        Podman podman = new Podman(ctx, lane, lines.get(lines.size() - 1).strip());
        podman.removeOwned();
        return podman;
    }

    /** Also removes, at the start and the end, the objects carrying {@code label} (e.g. a compose project's). */
    public void alsoOwn(String label) throws IOException, InterruptedException {
        ownerLabels.add(label);
        removeOwned();
    }

    /** Keeps {@code secret} out of the transcript (podman-compose echoes the podman commands it runs, values included). */
    public void redact(String secret) {
        redacted.add(secret);
    }

    /** {@code label=value} to put on every container, volume and network the lane creates. */
    public String label() {
        return LANE_LABEL + "=" + lane;
    }

    /** A name unique to this lane: {@code ocli-<lane>-<suffix>}. */
    public String name(String suffix) {
        return "ocli-" + lane + "-" + suffix;
    }

    public Map<String, String> env() {
        return env;
    }

    public ProcResult run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), DEFAULT_TIMEOUT, args);
    }

    /** {@code podman args…} with extra environment (values stay out of the transcript: {@code -e NAME} reads them). */
    public ProcResult run(Map<String, String> extraEnv, Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        return exec(ctx, merged(extraEnv), timeout, ctx.workDir(), redacted, command.toArray(String[]::new));
    }

    /** Any other tool (podman-compose, a project script) with the lane's podman environment. */
    public ProcResult tool(Map<String, String> extraEnv, Duration timeout, Path cwd, String... command) throws IOException, InterruptedException {
        return exec(ctx, merged(extraEnv), timeout, cwd, redacted, command);
    }

    /** The runtime image ({@code make image}'s script: the base and podman's layer cache make a repeat quick). */
    public String oclirdImage() throws IOException, InterruptedException {
        ProcResult built = exec(ctx, env, IMAGE_TIMEOUT, ctx.workDir(), redacted, ctx.repoRoot().resolve("scripts/container-image.sh").toString());
        if (built.exitCode() != 0) {
            throw new IllegalStateException("scripts/container-image.sh failed (exit " + built.exitCode() + "): "
                    + tail(built.stderr()));
        }
        return "localhost/oclird:latest";
    }

    /** Runs a project script with the lane's podman environment; fails the lane when it fails. */
    public String script(Duration timeout, String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ctx.repoRoot().resolve(script).toString()));
        command.addAll(List.of(args));
        ProcResult result = exec(ctx, env, timeout, ctx.workDir(), redacted, command.toArray(String[]::new));
        if (result.exitCode() != 0) {
            throw new IllegalStateException(script + " failed (exit " + result.exitCode() + "): " + tail(result.stderr()));
        }
        return result.stdout().strip();
    }

    /** The host address podman published the container port on, e.g. {@code 127.0.0.1:40123}. */
    public String publishedAddress(String container, int containerPort) throws IOException, InterruptedException {
        ProcResult port = run("port", container, containerPort + "/tcp");
        String address = port.stdout().strip().lines().findFirst().orElse("");
        if (port.exitCode() != 0 || address.isEmpty()) {
            throw new IllegalStateException("podman port " + container + " " + containerPort + " gave nothing: " + port.stderr().strip());
        }
        return address;
    }

    @Override
    public void close() {
        try {
            removeOwned();
        } catch (IOException | InterruptedException | RuntimeException e) {
            ctx.log("cleanup: " + e.getMessage());
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        }
    }

    /** Containers (stopped first, 10 s grace), pods, volumes and networks carrying one of the owner labels. */
    private void removeOwned() throws IOException, InterruptedException {
        for (String label : ownerLabels) {
            removeAll(List.of("ps", "-a", "-q", "--filter", "label=" + label), List.of("rm", "-f", "-t", "10"));
            removeAll(List.of("pod", "ps", "-q", "--filter", "label=" + label), List.of("pod", "rm", "-f", "-t", "10"));
            removeAll(List.of("volume", "ls", "-q", "--filter", "label=" + label), List.of("volume", "rm", "-f"));
            removeAll(List.of("network", "ls", "-q", "--filter", "label=" + label), List.of("network", "rm", "-f"));
        }
    }

    private void removeAll(List<String> list, List<String> remove) throws IOException, InterruptedException {
        ProcResult listed = run(list.toArray(String[]::new));
        List<String> ids = listed.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (ids.isEmpty()) return;
        List<String> args = new ArrayList<>(remove);
        args.addAll(ids);
        run(args.toArray(String[]::new));
    }

    private Map<String, String> merged(Map<String, String> extraEnv) {
        Map<String, String> all = new HashMap<>(env);
        all.putAll(extraEnv);
        return all;
    }

    private static ProcResult exec(LaneContext ctx, Map<String, String> env, Duration timeout, Path cwd, List<String> redacted,
                                   String... command)
            throws IOException, InterruptedException {
        ctx.log("$ " + String.join(" ", command));
        Path out = Files.createTempFile(ctx.workDir(), "podman-out", ".txt");
        Path err = Files.createTempFile(ctx.workDir(), "podman-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            Process process = pb.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                Processes.stop(process);
                throw new IllegalStateException("timed out after " + timeout + ": " + String.join(" ", command)
                        + "\n" + tail(Files.readString(err)));
            }
            ProcResult result = new ProcResult(List.of(command), process.exitValue(), Files.readString(out), Files.readString(err));
            ctx.log("exit " + result.exitCode());
            if (!result.stdout().isBlank()) ctx.log("stdout:\n  " + redact(tail(result.stdout()), redacted).replace("\n", "\n  "));
            if (!result.stderr().isBlank()) ctx.log("stderr:\n  " + redact(tail(result.stderr()), redacted).replace("\n", "\n  "));
            return result;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String redact(String text, List<String> secrets) {
        String out = text;
        for (String secret : secrets) out = out.replace(secret, "(redacted)");
        return out;
    }

    /** The last 40 lines: build logs are long, the end says what failed. */
    static String tail(String text) {
        List<String> lines = text.strip().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
