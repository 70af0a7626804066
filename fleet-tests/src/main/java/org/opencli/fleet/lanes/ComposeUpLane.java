package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.opencli.fleet.Background;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.container.Podman;
import org.opencli.fleet.container.Readiness;

/**
 * The shipped compose file, started as a user would with Debian's podman-compose: runtime,
 * Keycloak (made from the keycloak-quarkus-dist zip) and the demo upstream come up; from the host
 * a user signs in by device flow, approved in a headless browser as alice, and calls a tool that
 * reaches the demo upstream through the compose network; {@code down -v} leaves nothing behind.
 * The only change to the shipped files: free ports instead of 8080/8765, and the config's localhost
 * URLs following Keycloak's port (as the compose file's comment tells users to do).
 */
public final class ComposeUpLane implements Lane {
    static final String LANE = "compose-up";
    static final String PROJECT = "ocli-compose-up";
    static final String PROJECT_LABEL = "io.podman.compose.project=" + PROJECT;
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void run(LaneContext ctx) throws Exception {
        try (Podman podman = Podman.prepare(ctx, LANE)) {
            podman.alsoOwn(PROJECT_LABEL);
            podman.script(Duration.ofMinutes(25), "scripts/compose-images.sh");
            int keycloakPort = freePort();
            int oclirdPort = freePort();
            Path config = composeConfig(ctx, keycloakPort);
            Map<String, String> env = new HashMap<>();
            String adminPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
            podman.redact(adminPassword);
            env.put("KC_ADMIN_PASSWORD", adminPassword);
            env.put("KEYCLOAK_PORT", String.valueOf(keycloakPort));
            env.put("OCLIRD_PORT", String.valueOf(oclirdPort));
            env.put("OCLIRD_CONFIG_DIR", config.getParent().toString());
            ctx.log("KEYCLOAK_PORT=" + keycloakPort + " OCLIRD_PORT=" + oclirdPort + " OCLIRD_CONFIG_DIR=" + config.getParent());

            String composeFile = "deploy/compose/compose.yaml";
            ProcResult up = podman.tool(env, UP_TIMEOUT, ctx.repoRoot(), "podman-compose", "-p", PROJECT, "-f", composeFile, "up", "-d");
            ctx.check("podman-compose up -d starts keycloak, upstream and oclird", up.exitCode() == 0
                    && running(podman).containsAll(List.of(container("keycloak"), container("upstream"), container("oclird"))),
                    "exit " + up.exitCode() + ", running " + running(podman));

            String keycloak = "http://localhost:" + keycloakPort;
            String runtime = "http://localhost:" + oclirdPort;
            boolean kcReady = Readiness.awaitOk(ctx, keycloak + "/realms/corp/.well-known/openid-configuration", READY_TIMEOUT);
            boolean rtReady = Readiness.awaitOk(ctx, runtime + "/q/health/ready", READY_TIMEOUT);
            ctx.check("Keycloak's realm corp and oclird's readiness answer 200 on their published ports", kcReady && rtReady,
                    "keycloak " + kcReady + ", oclird " + rtReady);
            if (!kcReady || !rtReady) {
                saveLogs(ctx, podman);
                return;
            }
            JsonNode discovery = ctx.json(ctx.get(keycloak + "/realms/corp/.well-known/openid-configuration").body());
            ctx.check("the realm's issuer is the one the runtime config expects (KC_HOSTNAME)",
                    discovery.path("issuer").asText().equals(keycloak + "/realms/corp"), discovery.path("issuer").asText());
            boolean healthy = Readiness.awaitTrue(ctx, "podman healthcheck run " + container("oclird") + " exits 0", Duration.ofSeconds(60),
                    () -> podman.run("healthcheck", "run", container("oclird")).exitCode() == 0);
            ctx.check("the oclird image's own health check (no compose override, no shell) reports healthy", healthy, "");

            userSession(ctx, runtime, keycloak);
            saveLogs(ctx, podman);

            ProcResult down = podman.tool(env, UP_TIMEOUT, ctx.repoRoot(), "podman-compose", "-p", PROJECT, "-f", composeFile, "down", "-v");
            List<String> left = leftovers(podman);
            ctx.check("podman-compose down -v removes the project's containers, pods and volumes",
                    down.exitCode() == 0 && left.stream().allMatch(o -> o.startsWith("network ")), "exit " + down.exitCode() + ", left " + left);
            // podman-compose 1.0.3 leaves the project network behind (later versions remove it): the lane does
            for (String network : left.stream().filter(o -> o.startsWith("network ")).toList()) {
                podman.run("network", "rm", network.substring("network ".length()));
            }
            List<String> after = leftovers(podman);
            ctx.check("after removing the network 1.0.3 leaves, nothing of the project remains", after.isEmpty(), "left " + after);
        }
    }

    /** A user on the host: a client config naming only the runtime, device-flow sign-in, a tool call. */
    private static void userSession(LaneContext ctx, String runtime, String keycloak) throws Exception {
        Path dir = Files.createDirectories(ctx.workDir().resolve("client"));
        Path home = Files.createDirectories(ctx.workDir().resolve("client-home"));
        ObjectNode clientConfig = JSON.createObjectNode();
        clientConfig.putObject("runtime").put("mode", "remote").putObject("remote").put("url", runtime);
        Files.writeString(dir.resolve(".cli.json"), clientConfig.toPrettyString());
        ProcResult login;
        try (Background device = ctx.ocliAsInBackground(home, dir, Map.of(), "auth", "login", "--device")) {
            Matcher code = device.await(DeviceSignIn.CODE, DeviceSignIn.TIMEOUT);
            ctx.check("ocli prints the compose Keycloak's verification URI and a user code",
                    code.group(1).startsWith(keycloak + "/realms/corp") && !code.group(2).isBlank(), code.group(1));
            login = DeviceSignIn.approve(ctx, device, "alice", "alice-password");
        }
        ctx.check("ocli auth login --device exits 0 once alice approves the code", login.exitCode() == 0, "exit " + login.exitCode());

        ProcResult status = ctx.ocliAs(home, dir, Map.of(), "auth", "status", "--format", "json");
        String principal = status.exitCode() == 0 ? ctx.json(status.stdout()).path("principal").asText() : "";
        ctx.check("ocli auth status shows alice", principal.equals("alice"), "exit " + status.exitCode() + " " + principal);

        ProcResult created = ctx.ocliAs(home, dir, Map.of(), "upstream", "tickets", "create-ticket", "--body", "{\"title\":\"from compose\"}");
        ProcResult listed = ctx.ocliAs(home, dir, Map.of(), "upstream", "tickets", "list-tickets");
        ctx.check("alice creates and lists a ticket: oclird in compose reaches the demo upstream by its service name",
                created.exitCode() == 0 && listed.exitCode() == 0 && listed.stdout().contains("from compose"),
                "create exit " + created.exitCode() + ", list exit " + listed.exitCode());
    }

    /** The shipped runtime config with its localhost:8080 Keycloak URLs on the lane's Keycloak port. */
    private static Path composeConfig(LaneContext ctx, int keycloakPort) throws IOException {
        String shipped = Files.readString(ctx.repoRoot().resolve("deploy/compose/oclird/.cli.json"));
        String adjusted = shipped.replace("http://localhost:8080/", "http://localhost:" + keycloakPort + "/");
        Path config = Files.createDirectories(ctx.workDir().resolve("compose-oclird")).resolve(".cli.json");
        Files.writeString(config, adjusted);
        ctx.log("runtime config (deploy/compose/oclird/.cli.json, Keycloak on port " + keycloakPort + "):\n" + adjusted);
        return config;
    }

    /** podman-compose 1.0.3 names containers {@code <project>_<service>_1}. */
    static String container(String service) {
        return PROJECT + "_" + service + "_1";
    }

    private static List<String> running(Podman podman) throws IOException, InterruptedException {
        return podman.run("ps", "--filter", "label=" + PROJECT_LABEL, "--format", "{{.Names}}").stdout().lines().map(String::strip).toList();
    }

    private static List<String> leftovers(Podman podman) throws IOException, InterruptedException {
        List<String> left = new java.util.ArrayList<>();
        for (List<String> ls : List.of(List.of("ps", "-a"), List.of("pod", "ps"), List.of("network", "ls"), List.of("volume", "ls"))) {
            List<String> args = new java.util.ArrayList<>(ls);
            args.addAll(List.of("-q", "--filter", "label=" + PROJECT_LABEL));
            podman.run(args.toArray(String[]::new)).stdout().lines().map(String::strip).filter(s -> !s.isEmpty())
                    .forEach(id -> left.add(ls.get(0) + " " + id));
        }
        return left;
    }

    private static void saveLogs(LaneContext ctx, Podman podman) throws IOException, InterruptedException {
        for (String service : List.of("keycloak", "upstream", "oclird")) {
            ProcResult logs = podman.run("logs", container(service));
            ctx.artifact("compose-" + service + ".log", logs.stdout() + logs.stderr());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
