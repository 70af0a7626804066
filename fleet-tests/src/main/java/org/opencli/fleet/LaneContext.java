package org.opencli.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.opencli.fleet.keycloak.KeycloakFixture;

/**
 * Everything a lane needs: the real launchers, an isolated state root, a transcript of every
 * command and response, and the checks that become its rubric.
 */
public final class LaneContext implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(120);

    private final Path repoRoot;
    private final Path laneDir;
    private final Path workDir;
    private final Path stateDir;
    private final PrintWriter transcript;
    private final List<Check> checks = new ArrayList<>();
    private final List<String> artifacts = new ArrayList<>();
    private final List<Daemon> daemons = new ArrayList<>();
    private final List<Background> backgrounds = new ArrayList<>();
    /** Every state root an ocli run of this lane could have started a managed daemon under. */
    private final java.util.Set<Path> stateRoots = new java.util.LinkedHashSet<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public LaneContext(Path repoRoot, Path laneDir) throws IOException {
        this.repoRoot = repoRoot;
        this.laneDir = laneDir;
        this.workDir = Files.createDirectories(laneDir.resolve("work"));
        this.stateDir = Files.createDirectories(laneDir.resolve("state"));
        stateRoots.add(stateDir);
        this.transcript = new PrintWriter(Files.newBufferedWriter(laneDir.resolve("transcript.log"), StandardCharsets.UTF_8), true);
        artifacts.add("transcript.log");
    }

    public Path repoRoot() {
        return repoRoot;
    }

    public Path workDir() {
        return workDir;
    }

    public Path stateDir() {
        return stateDir;
    }

    /** The transcript written so far (lanes scan it for values that must never be recorded). */
    public Path transcriptFile() {
        return laneDir.resolve("transcript.log");
    }

    /** A directory of lane fixtures, copied into the work dir so lanes may edit them. */
    public Path fixture(String name) throws IOException {
        Path source = repoRoot.resolve("fleet-tests/fixtures").resolve(name);
        Path target = workDir.resolve(name);
        try (var paths = Files.walk(source)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }

    /**
     * The shared Keycloak (realms corp and upstream, see docs/fleet.md), started on first use and
     * kept for the whole JVM; its URL and log file go into the transcript.
     */
    public KeycloakFixture keycloak() {
        KeycloakFixture kc = KeycloakFixture.shared();
        log("keycloak " + kc.url() + " (log " + kc.log() + ")");
        return kc;
    }

    public void log(String line) {
        transcript.println(line);
    }

    public ProcResult ocli(String... args) throws IOException, InterruptedException {
        return run(workDir, Map.of(), "bin/ocli", args);
    }

    public ProcResult ocliIn(Path cwd, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(cwd, env, "bin/ocli", args);
    }

    /**
     * Like {@link #ocliIn} for a command whose stdout is a secret ({@code ocli auth token}): the
     * transcript records its length, never the value.
     */
    public ProcResult ocliInSecretOutput(Path cwd, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(cwd, env, true, "bin/ocli", args);
    }

    /**
     * {@code bin/ocli} as a user of its own ({@link #userEnvironment}): from {@code cwd}, with HOME
     * {@code home} and none of the lane's state settings; {@code env} may add XDG variables.
     */
    public ProcResult ocliAs(Path home, Path cwd, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(cwd, userEnvironment(home, env), false, "bin/ocli", args);
    }

    /** {@link #ocliAs} for a command whose stdout is a secret ({@code ocli auth token}). */
    public ProcResult ocliAsSecretOutput(Path home, Path cwd, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        return run(cwd, userEnvironment(home, env), true, "bin/ocli", args);
    }

    /** {@link #ocliInBackground} as a user of its own (see {@link #ocliAs}). */
    public Background ocliAsInBackground(Path home, Path cwd, Map<String, String> env, String... args) throws IOException {
        return background(cwd, userEnvironment(home, env), args);
    }

    /**
     * The environment of a separate user on this machine: HOME is {@code home}; the lane's
     * {@code OCLI_STATE_DIR} and any inherited XDG directory are removed (a null value removes a
     * variable), so the launcher's HOME handling alone decides where state goes; then {@code env}.
     */
    public static Map<String, String> userEnvironment(Path home, Map<String, String> env) {
        Map<String, String> all = new HashMap<>();
        for (String name : List.of("OCLI_STATE_DIR", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME",
                "OCLI_RUNTIME_URL", "OCLI_TOKEN", "OCLI_CLIENT_ID", "OCLI_CLIENT_SECRET", "OCLI_TOKEN_URL", "OCLI_INSTANCE_ID")) {
            all.put(name, null);
        }
        all.put("HOME", home.toString());
        all.putAll(env);
        return all;
    }

    private ProcResult run(Path cwd, Map<String, String> env, String launcher, String... args)
            throws IOException, InterruptedException {
        return run(cwd, env, false, launcher, args);
    }

    /** The lane's state root, then {@code env} (a null value removes the variable). */
    private void environment(ProcessBuilder pb, Map<String, String> env) {
        pb.environment().put("OCLI_STATE_DIR", stateDir.toString());
        env.forEach((k, v) -> {
            if (v == null) pb.environment().remove(k);
            else pb.environment().put(k, v);
        });
    }

    private ProcResult run(Path cwd, Map<String, String> env, boolean secretStdout, String launcher, String... args)
            throws IOException, InterruptedException {
        return runProgram(cwd, env, secretStdout, repoRoot.resolve(launcher).toString(), args);
    }

    /**
     * Any program on the PATH (a shell driving ocli's completion, say), from {@code cwd} with the
     * lane's state root and {@code env}, recorded in the transcript like an ocli run.
     */
    public ProcResult exec(Path cwd, Map<String, String> env, String program, String... args)
            throws IOException, InterruptedException {
        return runProgram(cwd, env, false, program, args);
    }

    /**
     * {@link #exec} for a program that takes a secret on its command line (an MCP client's
     * {@code --header "Authorization: Bearer …"}): each of {@code secrets} is recorded as
     * {@code ***} in the transcript, in the command and in its output.
     */
    public ProcResult execRedacted(Path cwd, Map<String, String> env, List<String> secrets, String program, String... args)
            throws IOException, InterruptedException {
        return runProgram(cwd, env, false, secrets, program, args);
    }

    /** The output file of {@link #startDaemon} for {@code instanceId} (its log and, when enabled, access log). */
    public Path daemonLog(String instanceId) {
        return laneDir.resolve("oclird-" + instanceId + ".log");
    }

    private ProcResult runProgram(Path cwd, Map<String, String> env, boolean secretStdout, String program, String... args)
            throws IOException, InterruptedException {
        return runProgram(cwd, env, secretStdout, List.of(), program, args);
    }

    private ProcResult runProgram(Path cwd, Map<String, String> env, boolean secretStdout, List<String> secrets, String program,
                                  String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(program);
        command.addAll(List.of(args));
        log(redact("$ " + String.join(" ", command), secrets));
        Path out = Files.createTempFile(laneDir, "out", ".txt");
        Path err = Files.createTempFile(laneDir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullFile()));
        environment(pb, env);
        stateRoots.add(ManagedDaemons.stateRoot(pb.environment(), cwd, command));
        Process process = pb.start();
        if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            Processes.stop(process);
            throw new IllegalStateException("timed out after " + PROCESS_TIMEOUT + ": " + command);
        }
        ProcResult result = new ProcResult(command, process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        logResult(null, secretStdout ? new ProcResult(command, result.exitCode(),
                result.stdout().isEmpty() ? "" : "(secret output of " + result.stdout().strip().length() + " characters, not recorded)",
                result.stderr()) : new ProcResult(command, result.exitCode(), redact(result.stdout(), secrets), redact(result.stderr(), secrets)));
        return result;
    }

    private static String redact(String text, List<String> secrets) {
        String redacted = text;
        for (String secret : secrets) {
            if (!secret.isEmpty()) redacted = redacted.replace(secret, "***");
        }
        return redacted;
    }

    void logResult(String heading, ProcResult result) {
        if (heading != null) log(heading);
        log("exit " + result.exitCode());
        if (!result.stdout().isEmpty()) log("stdout:\n" + indent(result.stdout()));
        if (!result.stderr().isEmpty()) log("stderr:\n" + indent(result.stderr()));
    }

    /**
     * Starts {@code bin/ocli} without waiting (a sign-in that needs a browser while it runs); the
     * lane awaits its output and exit. It is stopped when the lane ends, if still running.
     */
    public Background ocliInBackground(Path cwd, Map<String, String> env, String... args) throws IOException {
        return background(cwd, env, args);
    }

    private Background background(Path cwd, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(repoRoot.resolve("bin/ocli").toString());
        command.addAll(List.of(args));
        log("$ " + String.join(" ", command) + " &");
        Path out = Files.createTempFile(laneDir, "out", ".txt");
        Path err = Files.createTempFile(laneDir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullFile()));
        environment(pb, env);
        stateRoots.add(ManagedDaemons.stateRoot(pb.environment(), cwd, command));
        Background background = new Background(this, command, pb.start(), out, err);
        backgrounds.add(background);
        return background;
    }

    /**
     * A request builder for {@code url}. When it names a daemon this lane started that has an owner
     * key, the key goes along as its bearer, as ocli sends it (the lane acts as the daemon's owner).
     */
    public HttpRequest.Builder request(String url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        for (Daemon d : daemons) {
            if (d.clientKey() != null && url.startsWith(d.url() + "/")) {
                request.header("Authorization", "Bearer " + d.clientKey());
                break;
            }
        }
        return request;
    }

    /** A GET with extra headers (e.g. {@code Authorization}, which then replaces an owner key); headers stay out of the transcript. */
    public HttpResponse<String> get(String url, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(url).GET();
        headers.forEach(request::setHeader);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        log("GET " + url + " (headers " + headers.keySet() + ") -> " + response.statusCode());
        return response;
    }

    /** Starts {@code bin/oclird} with the lane's state root and waits until it answers. */
    public Daemon startDaemon(String instanceId, String... args) throws IOException, InterruptedException {
        return startDaemon(instanceId, Map.of(), args);
    }

    /** Starts {@code bin/oclird} with extra environment (e.g. the secrets its config names). */
    public Daemon startDaemon(String instanceId, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(repoRoot.resolve("bin/oclird").toString(),
                "--state-dir", stateDir.toString(), "--instance-id", instanceId));
        command.addAll(List.of(args));
        return startDaemon(command, workDir, env, stateDir.resolve("instances").resolve(instanceId).resolve("runtime.json"), instanceId);
    }

    /**
     * {@code bin/oclird} as a user of its own ({@link #userEnvironment}): from {@code cwd}, with no
     * {@code --state-dir}, so its state (registry, audit) goes under {@code home}'s
     * {@code .local/state/oas-cli} — found there only if the launcher honours HOME.
     */
    public Daemon startDaemonAs(Path home, Path cwd, String instanceId, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(repoRoot.resolve("bin/oclird").toString(), "--instance-id", instanceId));
        command.addAll(List.of(args));
        Path registry = home.resolve(".local/state/oas-cli/instances").resolve(instanceId).resolve("runtime.json");
        return startDaemon(command, cwd, userEnvironment(home, env), registry, instanceId);
    }

    private Daemon startDaemon(List<String> command, Path cwd, Map<String, String> env, Path registry, String instanceId)
            throws IOException, InterruptedException {
        log("$ " + String.join(" ", command) + " &");
        Path daemonLog = laneDir.resolve("oclird-" + instanceId + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectErrorStream(true).redirectOutput(daemonLog.toFile());
        env.forEach((k, v) -> {
            if (v == null) builder.environment().remove(k);
            else builder.environment().put(k, v);
        });
        Process process = builder.start();
        artifacts.add(daemonLog.getFileName().toString());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("oclird exited with " + process.exitValue() + ": " + Files.readString(daemonLog));
            }
            if (Files.isRegularFile(registry)) {
                try {
                    JsonNode entry = JSON.readTree(registry.toFile());
                    String url = entry.path("url").asText();
                    if (get(url + "/v1/runtime/info").statusCode() == 200) {
                        Daemon daemon = new Daemon(process, url, registry, entry.path("clientKey").asText(null));
                        daemons.add(daemon);
                        log("oclird up at " + url);
                        return daemon;
                    }
                } catch (IOException partialOrNotYetListening) {
                    // the file is being written or the port is not accepting yet: poll again
                }
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        Processes.stop(process);
        throw new IllegalStateException("oclird did not publish " + registry + " within 60s");
    }

    public HttpResponse<String> post(String url, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(url)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        log("POST " + url + " " + json + " -> " + response.statusCode());
        return response;
    }

    public HttpClient http() {
        return http;
    }

    public HttpResponse<String> get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(url).GET().build(), HttpResponse.BodyHandlers.ofString());
        log("GET " + url + " -> " + response.statusCode());
        return response;
    }

    public JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    public boolean check(String name, boolean pass, String detail) {
        checks.add(new Check(name, pass, detail));
        log((pass ? "PASS " : "FAIL ") + name + (detail == null || detail.isEmpty() ? "" : " — " + detail));
        return pass;
    }

    public void artifact(String name, String content) throws IOException {
        Files.writeString(laneDir.resolve(name), content);
        if (!artifacts.contains(name)) artifacts.add(name);
    }

    /** A file under the lane's directory (a managed daemon's log in the lane's state) kept as an artifact. */
    void keepArtifact(Path file) {
        Path relative = laneDir.relativize(file.toAbsolutePath().normalize());
        if (!relative.startsWith("..") && !artifacts.contains(relative.toString())) artifacts.add(relative.toString());
    }

    List<Check> checks() {
        return checks;
    }

    List<String> artifacts() {
        return artifacts;
    }

    @Override
    public void close() {
        for (Background b : backgrounds) {
            try {
                b.close();
            } catch (IOException e) {
                log("could not remove the output of a background process: " + e.getMessage());
            }
        }
        java.util.Set<Long> own = new java.util.HashSet<>();
        daemons.forEach(d -> own.add(d.process().pid()));
        ManagedDaemons.stopAll(this, stateRoots, own);
        daemons.forEach(Daemon::close);
        transcript.close();
    }

    private static String indent(String text) {
        return "  " + text.strip().replace("\n", "\n  ");
    }

    private static java.io.File nullFile() {
        return new java.io.File("/dev/null");
    }

    public static Map<String, String> env(String... kv) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) map.put(kv[i], kv[i + 1]);
        return map;
    }
}
