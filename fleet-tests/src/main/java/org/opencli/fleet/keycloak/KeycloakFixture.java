package org.opencli.fleet.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.opencli.fleet.Processes;

/**
 * A real Keycloak for the auth lanes and tests: the Maven Central distribution run as a process
 * ({@code kc.sh start-dev}, in-memory H2) on a free loopback port, with realms {@code corp} and
 * {@code upstream} imported from {@code fleet-tests/fixtures/keycloak/}. Every start gets its own
 * Keycloak home (symlinks to the unpacked distribution plus a fresh {@code data/}), so nothing
 * leaks between runs; the log stays in {@code fleet-tests/target/keycloak-runs/<run>/keycloak.log}.
 */
public final class KeycloakFixture implements AutoCloseable {
    public static final String VERSION = "26.7.3";
    public static final String CORP = "corp";
    public static final String UPSTREAM = "upstream";
    /** The confidential client whose secret the runtime uses for RFC 7662 introspection. */
    public static final String INTROSPECTOR = "oclird-introspector";

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Runs kc.sh ($0, with its arguments) in the background and waits for this JVM's end of the
     * stdin pipe to close: if the test JVM dies without running its shutdown hooks (SIGKILL, a
     * surefire timeout), Keycloak is stopped instead of living on.
     */
    private static final String WATCHDOG = "/bin/sh \"$0\" \"$@\" </dev/null & kc=$!; read _ignored; kill $kc 2>/dev/null; wait $kc";
    private static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(300);
    private static KeycloakFixture shared;
    private static RuntimeException sharedFailure;

    private final Process process;
    private final String url;
    private final Path runDir;
    private final Path log;
    private final String adminPassword;
    private final Map<String, String> secrets;
    private Duration startup;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private KeycloakFixture(Process process, String url, Path runDir, String adminPassword,
                            Map<String, String> secrets) {
        this.process = process;
        this.url = url;
        this.runDir = runDir;
        this.log = runDir.resolve("keycloak.log");
        this.adminPassword = adminPassword;
        this.secrets = secrets;
        this.startup = Duration.ZERO;
    }

    /**
     * {@code make keycloak}: starts the fixture by hand for debugging, prints its endpoints and the
     * admin console sign-in, and runs until interrupted (Ctrl-C stops Keycloak).
     */
    public static void main(String[] args) throws Exception {
        Path root = args.length > 0 ? Path.of(args[0]).toAbsolutePath().normalize() : repoRoot();
        KeycloakFixture kc = start(root);
        Runtime.getRuntime().addShutdownHook(new Thread(kc::close, "keycloak-fixture-stop"));
        System.out.println("Keycloak " + VERSION + " at " + kc.url() + " (started in " + kc.startupTime().toMillis() + " ms)");
        System.out.println("  admin console " + kc.url() + "/admin/  user admin  password " + kc.adminPassword);
        for (String realm : List.of(CORP, UPSTREAM)) {
            System.out.println("  realm " + realm + ": issuer " + kc.issuer(realm) + "  discovery " + kc.discoveryUrl(realm));
        }
        System.out.println("  log " + kc.log() + "   (Ctrl-C stops it)");
        kc.process.waitFor();
    }

    /**
     * One Keycloak for the whole JVM, started on first use and stopped by a shutdown hook; a failed
     * start is remembered so later callers fail at once with the same cause.
     */
    public static synchronized KeycloakFixture shared() {
        if (sharedFailure != null) throw sharedFailure;
        if (shared == null) {
            try {
                shared = start(repoRoot());
            } catch (IOException e) {
                sharedFailure = new UncheckedIOException("shared Keycloak did not start: " + e.getMessage(), e);
                throw sharedFailure;
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
            KeycloakFixture started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "keycloak-fixture-stop"));
        }
        return shared;
    }

    /** Starts a new Keycloak and waits until both realms answer their discovery documents. */
    public static KeycloakFixture start(Path repoRoot) throws IOException {
        Path dist = distribution(repoRoot);
        Path javaHome = KeycloakJava.find();
        try {
            return startOnce(repoRoot, dist, javaHome);
        } catch (PortTaken e) {
            // another process bound the probed port before Keycloak did: once more on a new one
            System.err.println("keycloak: " + e.getMessage() + "; retrying on another port");
            return startOnce(repoRoot, dist, javaHome);
        }
    }

    private static KeycloakFixture startOnce(Path repoRoot, Path dist, Path javaHome) throws IOException {
        Path runDir = newRunDir(repoRoot);
        Path home = prepareHome(dist, runDir);
        int port = freePort();
        String url = "http://127.0.0.1:" + port;
        Map<String, String> secrets = importRealms(repoRoot.resolve("fleet-tests/fixtures/keycloak"), home.resolve("data/import"), url);
        String adminPassword = randomSecret();

        List<String> command = List.of("/bin/sh", "-c", WATCHDOG, home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--db=dev-mem", "--import-realm",
                "--hostname-strict=false", "--log-console-color=false");
        ProcessBuilder pb = new ProcessBuilder(command).directory(runDir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(runDir.resolve("keycloak.log").toFile());
        Map<String, String> env = pb.environment();
        // settings from the caller's shell would change what starts (a KC_DB, JAVA_OPTS without --add-opens)
        env.keySet().removeIf(k -> k.startsWith("KC_") || k.startsWith("KEYCLOAK_") || k.startsWith("JAVA_OPTS") || k.equals("JAVA"));
        env.put("JAVA_HOME", javaHome.toString());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        // C1 only: Keycloak here lives for one test run, where warm-up beats peak throughput
        env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1 -XX:CICompilerCount=2");
        Files.writeString(runDir.resolve("command.txt"), String.join(" ", command.subList(3, command.size())) + "\nJAVA_HOME=" + javaHome + "\n");

        Instant begin = Instant.now();
        Process process = pb.start();
        KeycloakFixture fixture = new KeycloakFixture(process, url, runDir, adminPassword, secrets);
        try {
            fixture.awaitReady(begin.plus(startupTimeout()));
        } catch (RuntimeException | IOException e) {
            fixture.close();
            throw e;
        }
        fixture.startup = Duration.between(begin, Instant.now());
        Files.writeString(runDir.resolve("startup.txt"), fixture.startup.toMillis() + " ms\n");
        System.err.printf("keycloak: %s ready at %s in %d ms (log %s)%n", VERSION, url, fixture.startup.toMillis(), fixture.log);
        return fixture;
    }

    // ---- endpoints -------------------------------------------------------------------------

    public String url() {
        return url;
    }

    public String issuer(String realm) {
        return url + "/realms/" + realm;
    }

    public String discoveryUrl(String realm) {
        return issuer(realm) + "/.well-known/openid-configuration";
    }

    public String authorizationEndpoint(String realm) {
        return oidc(realm, "auth");
    }

    public String tokenEndpoint(String realm) {
        return oidc(realm, "token");
    }

    public String jwksUri(String realm) {
        return oidc(realm, "certs");
    }

    public String deviceEndpoint(String realm) {
        return oidc(realm, "auth/device");
    }

    public String introspectionEndpoint(String realm) {
        return oidc(realm, "token/introspect");
    }

    public String revocationEndpoint(String realm) {
        return oidc(realm, "revoke");
    }

    public String userinfoEndpoint(String realm) {
        return oidc(realm, "userinfo");
    }

    private String oidc(String realm, String path) {
        return issuer(realm) + "/protocol/openid-connect/" + path;
    }

    /** The secret of a confidential client of the fixture realms, as written in their JSON. */
    public String clientSecret(String realm, String clientId) {
        String secret = secrets.get(realm + "/" + clientId);
        if (secret == null) throw new IllegalArgumentException("realm " + realm + " has no confidential client " + clientId);
        return secret;
    }

    public Duration startupTime() {
        return startup;
    }

    public Path log() {
        return log;
    }

    public Path runDir() {
        return runDir;
    }

    // ---- tokens ----------------------------------------------------------------------------

    /** The access token of a client-credentials grant; fails with Keycloak's error otherwise. */
    public String clientCredentialsToken(String realm, String clientId, String secret) throws IOException, InterruptedException {
        return clientCredentials(realm, clientId, secret, null).get("access_token").asText();
    }

    /** The whole token response of a client-credentials grant, optionally asking for scopes. */
    public JsonNode clientCredentials(String realm, String clientId, String secret, String scope) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        if (scope != null) form.put("scope", scope);
        return tokenRequest(realm, form);
    }

    /** POSTs a form to the realm's token endpoint; a non-200 answer becomes an error with Keycloak's reason. */
    public JsonNode tokenRequest(String realm, Map<String, String> form) throws IOException, InterruptedException {
        HttpResponse<String> response = postForm(tokenEndpoint(realm), form, null);
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
            throw new IllegalStateException("token request (" + form.get("grant_type") + ", client " + form.get("client_id")
                    + ") at realm " + realm + " answered " + response.statusCode() + ": "
                    + body.path("error").asText() + " " + body.path("error_description").asText());
        }
        return body;
    }

    /** RFC 7662 introspection as the runtime does it, with {@code oclird-introspector}'s credentials. */
    public JsonNode introspect(String realm, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = postForm(introspectionEndpoint(realm), Map.of("token", token),
                basic(INTROSPECTOR, clientSecret(realm, INTROSPECTOR)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("introspection at realm " + realm + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    /**
     * RFC 7009 revocation of access or refresh tokens, each as the client it was issued to (its
     * {@code azp}; realm from {@code iss}), with that client's secret from the realm JSON when it has one.
     */
    public void revoke(String... tokens) throws IOException, InterruptedException {
        for (String token : tokens) {
            JsonNode claims = Jwts.claims(token);
            String issuer = claims.path("iss").asText();
            String realm = issuer.substring(issuer.lastIndexOf('/') + 1);
            String clientId = claims.path("azp").asText();
            Map<String, String> form = new LinkedHashMap<>();
            form.put("token", token);
            form.put("client_id", clientId);
            String secret = secrets.get(realm + "/" + clientId);
            HttpResponse<String> response = postForm(revocationEndpoint(realm), form, secret == null ? null : basic(clientId, secret));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("revocation of a token of client " + clientId + " at realm " + realm
                        + " answered " + response.statusCode() + ": " + response.body());
            }
        }
    }

    // ---- admin -----------------------------------------------------------------------------

    /**
     * Key rotation as an operator does it: a new RSA key provider with a higher priority becomes the
     * signing key and every older RSA signing provider turns passive (still published in the JWKS,
     * so tokens already issued keep verifying). Returns the new key's {@code kid}.
     */
    public String rotateKeys(String realm) throws IOException, InterruptedException {
        String realmId = admin("GET", "/admin/realms/" + realm, null).path("id").asText();
        JsonNode providers = admin("GET", "/admin/realms/" + realm + "/components?type=org.keycloak.keys.KeyProvider", null);
        long priority = 100;
        List<JsonNode> olderRsa = new ArrayList<>();
        for (JsonNode p : providers) {
            priority = Math.max(priority, p.path("config").path("priority").path(0).asLong(0));
            if (p.path("providerId").asText().equals("rsa-generated")) olderRsa.add(p);
        }
        String name = "rsa-rotated-" + System.nanoTime();
        ObjectNode component = JSON.createObjectNode()
                .put("name", name).put("providerId", "rsa-generated")
                .put("providerType", "org.keycloak.keys.KeyProvider").put("parentId", realmId);
        ObjectNode config = component.putObject("config");
        config.putArray("priority").add(String.valueOf(priority + 100));
        config.putArray("active").add("true");
        config.putArray("enabled").add("true");
        config.putArray("keySize").add("2048");
        config.putArray("algorithm").add("RS256");
        admin("POST", "/admin/realms/" + realm + "/components", component);
        for (JsonNode old : olderRsa) {
            ObjectNode passive = old.deepCopy();
            ((ObjectNode) passive.path("config")).putArray("active").add("false");
            admin("PUT", "/admin/realms/" + realm + "/components/" + old.path("id").asText(), passive);
        }
        JsonNode keys = admin("GET", "/admin/realms/" + realm + "/keys", null);
        for (JsonNode key : keys.path("keys")) {
            if (key.path("providerPriority").asLong() == priority + 100 && key.path("algorithm").asText().equals("RS256")) {
                return key.path("kid").asText();
            }
        }
        throw new IllegalStateException("rotated key " + name + " is not among realm " + realm + "'s keys");
    }

    /**
     * One call of Keycloak's admin REST API as the bootstrap admin; answers the JSON body (an empty
     * object for bodiless answers) and fails on any status outside 2xx.
     */
    public JsonNode admin(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) request.header("Content-Type", "application/json");
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("admin " + method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private String adminToken() throws IOException, InterruptedException {
        HttpResponse<String> response = postForm(url + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", adminPassword), null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("admin sign-in at the master realm answered " + response.statusCode());
        }
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    // ---- lifecycle -------------------------------------------------------------------------

    /** Stops Keycloak (kc.sh and its JVM); the run directory with the log stays for diagnosis. */
    @Override
    public void close() {
        Processes.stop(process);
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    private void awaitReady(Instant deadline) throws IOException {
        List<String> probes = List.of(discoveryUrl(CORP), discoveryUrl(UPSTREAM));
        int ready = 0;
        while (ready < probes.size()) {
            if (!process.isAlive()) {
                String tail = tail(40);
                if (tail.contains("already in use")) throw new PortTaken("port of " + url + " already in use (log " + log + ")");
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " before it was ready; "
                        + "log " + log + ":\n" + tail);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Keycloak was not ready within " + startupTimeout().toSeconds()
                        + " s (KEYCLOAK_STARTUP_TIMEOUT_SECONDS); log " + log + ":\n" + tail(40));
            }
            if (answers(probes.get(ready))) {
                ready++;
                continue;
            }
            try {
                // the poll interval, cut short when the process ends
                process.waitFor(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
        }
    }

    private boolean answers(String probe) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(probe)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private HttpResponse<String> postForm(String endpoint, Map<String, String> form, String authorization) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) request.header("Authorization", authorization);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String clientId, String secret) {
        // RFC 6749 §2.3.1: both parts form-encoded before Base64
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    // ---- setup -----------------------------------------------------------------------------

    static Path repoRoot() {
        String root = System.getProperty("ocli.repo.root");
        if (root != null) return Path.of(root).toAbsolutePath().normalize();
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("fleet-tests/fixtures/keycloak"))) return p;
        }
        throw new IllegalStateException("cannot find the repository root (fleet-tests/fixtures/keycloak) above " + dir
                + "; set -Docli.repo.root");
    }

    private static Path distribution(Path repoRoot) {
        String configured = System.getProperty("ocli.keycloak.dist", System.getenv("KEYCLOAK_DIST"));
        Path dist = configured != null && !configured.isBlank() ? Path.of(configured)
                : repoRoot.resolve("fleet-tests/target/keycloak/keycloak-" + VERSION);
        if (!Files.isRegularFile(dist.resolve("bin/kc.sh")) || !Files.isRegularFile(dist.resolve("lib/quarkus-run.jar"))) {
            throw new IllegalStateException("no Keycloak distribution at " + dist + " (expected bin/kc.sh and lib/quarkus-run.jar); "
                    + "`mvn -pl fleet-tests generate-resources` unpacks org.keycloak:keycloak-quarkus-dist:" + VERSION
                    + ":zip there, or set KEYCLOAK_DIST / -Docli.keycloak.dist");
        }
        return dist.toAbsolutePath().normalize();
    }

    private static Path newRunDir(Path repoRoot) throws IOException {
        Path runs = repoRoot.resolve("fleet-tests/target/keycloak-runs");
        Files.createDirectories(runs);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(java.time.LocalDateTime.now());
        return Files.createDirectories(runs.resolve(stamp + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000));
    }

    /**
     * A Keycloak home of its own: kc.sh copied (it finds its home from its own path) and the
     * distribution's lib, conf, themes and providers linked, so {@code data/} (import dir, H2,
     * transaction logs) is fresh for this run. The one-off re-augmentation {@code start-dev} does on
     * a new distribution lands in the shared {@code lib/} and is reused by later runs.
     */
    private static Path prepareHome(Path dist, Path runDir) throws IOException {
        Path home = Files.createDirectories(runDir.resolve("home"));
        Files.createDirectories(home.resolve("bin"));
        try (Stream<Path> bin = Files.list(dist.resolve("bin"))) {
            for (Path f : (Iterable<Path>) bin::iterator) {
                if (Files.isRegularFile(f)) Files.copy(f, home.resolve("bin").resolve(f.getFileName().toString()));
            }
        }
        for (String shared : List.of("lib", "conf", "themes", "providers")) {
            Files.createSymbolicLink(home.resolve(shared), dist.resolve(shared));
        }
        Files.createDirectories(home.resolve("data/import"));
        return home;
    }

    /** Copies the realm JSON files with {@code ${KEYCLOAK_URL}} filled in; answers realm/clientId → secret. */
    private static Map<String, String> importRealms(Path fixtures, Path importDir, String url) throws IOException {
        Map<String, String> secrets = new HashMap<>();
        try (Stream<Path> files = Files.list(fixtures)) {
            for (Path f : files.filter(p -> p.toString().endsWith("-realm.json")).sorted().toList()) {
                String text = Files.readString(f).replace("${KEYCLOAK_URL}", url);
                Files.writeString(importDir.resolve(f.getFileName().toString()), text);
                JsonNode realm = JSON.readTree(text);
                for (JsonNode client : realm.path("clients")) {
                    if (client.hasNonNull("secret")) {
                        secrets.put(realm.path("realm").asText() + "/" + client.path("clientId").asText(), client.path("secret").asText());
                    }
                }
            }
        }
        if (secrets.isEmpty()) throw new IllegalStateException("no *-realm.json with clients in " + fixtures);
        return Map.copyOf(secrets);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Duration startupTimeout() {
        String seconds = System.getenv("KEYCLOAK_STARTUP_TIMEOUT_SECONDS");
        if (seconds == null || seconds.isBlank()) return DEFAULT_STARTUP_TIMEOUT;
        try {
            return Duration.ofSeconds(Long.parseLong(seconds.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("KEYCLOAK_STARTUP_TIMEOUT_SECONDS=" + seconds + " is not a whole number of seconds");
        }
    }

    /** Keycloak could not bind the port probed for it. */
    private static final class PortTaken extends IllegalStateException {
        PortTaken(String message) {
            super(message);
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
