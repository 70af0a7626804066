package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencli.fleet.CatalogJson;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.container.Podman;
import org.opencli.fleet.container.Readiness;
import org.opencli.fleet.keycloak.KeycloakFixture;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * The shared runtime as users deploy it: oclird from {@code make image} in a podman container
 * (read-only root, non-root, no capabilities) with its own mounted config, runtime auth against
 * Keycloak and the test upstream on the host, audit and state on named volumes; a client on the
 * host in another directory with only a client config and its own HOME signs in with client
 * credentials, lists the catalog, calls a tool and reads the audit; {@code podman stop} (SIGTERM
 * to the JVM as PID 1) ends it cleanly and {@code ocli audit verify} verifies the volume's trail.
 */
public final class RemoteRuntimeContainerLane implements Lane {
    static final String LANE = "remote-runtime-container";
    /** slirp4netns with allow_host_loopback: the host's 127.0.0.1, as the container sees it. */
    static final String HOST_FROM_CONTAINER = "10.0.2.2";
    static final int CONTAINER_PORT = 8765;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    @Override
    public void run(LaneContext ctx) throws Exception {
        try (Podman podman = Podman.prepare(ctx, LANE)) {
            String image = podman.oclirdImage();
            KeycloakFixture kc = ctx.keycloak();
            try (TestUpstream upstream = TestUpstream.start(0)) {
                UpstreamProject runtimeDir = runtimeConfig(ctx, kc, upstream);
                String container = podman.name("oclird");
                String state = podman.name("state");
                String audit = podman.name("audit");
                podman.run("volume", "create", "--label", podman.label(), state);
                podman.run("volume", "create", "--label", podman.label(), audit);

                List<String> run = new ArrayList<>(List.of("run", "-d", "--name", container, "--label", podman.label(),
                        "--read-only", "--tmpfs", "/tmp", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
                        "--network", "slirp4netns:allow_host_loopback=true", "-p", "127.0.0.1::" + CONTAINER_PORT,
                        "-v", runtimeDir.dir + ":/etc/oclird:ro",
                        "-v", state + ":/var/lib/oclird/state", "-v", audit + ":/var/lib/oclird/audit"));
                Map<String, String> secrets = runtimeDir.env();
                secrets.keySet().stream().sorted().forEach(name -> run.addAll(List.of("-e", name))); // values from podman's env
                run.addAll(List.of(image, "--config", "/etc/oclird/.cli.json", "--addr", "0.0.0.0:" + CONTAINER_PORT,
                        "--instance-id", "container", "--state-dir", "/var/lib/oclird/state",
                        "--audit-path", "/var/lib/oclird/audit/audit.log", "--runtime-mode", "remote"));
                ProcResult started = podman.run(secrets, Duration.ofMinutes(2), run.toArray(String[]::new));
                ctx.check("podman run starts oclird from " + image + " (read-only root, no capabilities, slirp4netns)",
                        started.exitCode() == 0, "exit " + started.exitCode());
                String url = "http://" + podman.publishedAddress(container, CONTAINER_PORT);
                ctx.log("oclird published at " + url);
                boolean ready = Readiness.awaitOk(ctx, url + "/q/health/ready", START_TIMEOUT);
                ctx.check("the published port answers /q/health/ready with 200", ready, url);
                if (!ready) {
                    ctx.artifact("oclird-container.log", podman.run("logs", container).stdout());
                    return;
                }
                checkImageContract(ctx, podman, container);

                Client client = Client.create(ctx, url, kc);
                clientSession(ctx, client, runtimeDir);

                boolean registeredBefore = registryEntry(podman, state);
                Instant stopAt = Instant.now();
                ProcResult stop = podman.run(Map.of(), Duration.ofSeconds(60), "stop", "-t", "30", container);
                long stopMillis = Duration.between(stopAt, Instant.now()).toMillis();
                String exit = podman.run("inspect", "--format", "{{.State.ExitCode}}", container).stdout().strip();
                String logs = podman.run("logs", container).stdout();
                ctx.artifact("oclird-container.log", logs);
                ctx.check("podman stop (SIGTERM) ends the JVM itself, before the 30 s SIGKILL: exit " + exit + ", not 137",
                        stop.exitCode() == 0 && !exit.equals("137") && stopMillis < 30_000, stopMillis + " ms");
                boolean registeredAfter = registryEntry(podman, state);
                ctx.check("the runtime ran its shutdown: its runtime.json on the state volume, there while it ran, is removed",
                        registeredBefore && !registeredAfter, "before " + registeredBefore + ", after " + registeredAfter);

                verifyAuditVolume(ctx, podman, client, audit);
            }
        }
    }

    /** The upstream fixture as the runtime's config dir: URLs the container reaches, auth trusting realm corp. */
    static UpstreamProject runtimeConfig(LaneContext ctx, KeycloakFixture kc, TestUpstream upstream) throws Exception {
        String hostKeycloak = kc.url().replace("127.0.0.1", HOST_FROM_CONTAINER);
        String hostUpstream = upstream.url().replace("127.0.0.1", HOST_FROM_CONTAINER);
        UpstreamProject project = UpstreamProject.create(ctx, upstream, config -> {
            ((ObjectNode) config.path("services").path("upstream")).put("baseURL", hostUpstream + "/api");
            ((ObjectNode) config.path("secrets").path("upstream.oauth")).put("tokenURL", hostUpstream + "/oauth/token");
            ObjectNode server = config.withObject("/runtime").withObject("/server").withObject("/auth");
            server.put("validationProfile", "oidc_jwks");
            // the issuer the tokens carry is the one the host's clients asked; the keys come over the gateway
            server.put("issuer", kc.issuer(KeycloakFixture.CORP));
            server.put("jwksURL", kc.jwksUri(KeycloakFixture.CORP).replace(kc.url(), hostKeycloak));
            server.put("audience", AuthRuntime.AUDIENCE);
            server.put("tokenURL", kc.tokenEndpoint(KeycloakFixture.CORP));
        });
        ctx.log("runtime config (mounted read-only at /etc/oclird):\n" + Files.readString(project.config));
        return project;
    }

    /** Runs as uid 10001, java is PID 1 (exec form: it gets SIGTERM), the root is read-only, the image's own health check passes. */
    private static void checkImageContract(LaneContext ctx, Podman podman, String container) throws Exception {
        String top = podman.run("top", container, "pid", "user", "args").stdout();
        String pid1 = top.lines().skip(1).filter(l -> l.strip().startsWith("1 ")).findFirst().orElse("");
        ctx.check("PID 1 in the container is java, as uid 10001 (exec-form entrypoint, non-root)",
                pid1.contains("java") && (pid1.contains("10001") || pid1.contains("oclird")), pid1.strip());
        String readOnly = podman.run("inspect", "--format", "{{.HostConfig.ReadonlyRootfs}}", container).stdout().strip();
        ctx.check("the root file system is read-only", readOnly.equals("true"), readOnly);
        boolean healthy = Readiness.awaitTrue(ctx, "podman healthcheck run (the image's java probe) exits 0", Duration.ofSeconds(60),
                () -> podman.run("healthcheck", "run", container).exitCode() == 0);
        String status = podman.run("inspect", "--format", "{{.State.Health.Status}}", container).stdout().strip();
        ctx.check("the image's HEALTHCHECK (a JDK-only probe, no shell or curl) reports healthy", healthy && status.equals("healthy"), status);
    }

    /** A client directory with only {@code runtime} in its config, run as a user of its own (HOME, state): CI's view. */
    record Client(Path dir, Path home, Map<String, String> env) {
        static Client create(LaneContext ctx, String url, KeycloakFixture kc) throws Exception {
            Path dir = Files.createDirectories(ctx.workDir().resolve("client"));
            Path home = Files.createDirectories(ctx.workDir().resolve("client-home"));
            ObjectNode config = JSON.createObjectNode();
            ObjectNode remote = config.putObject("runtime").put("mode", "remote").putObject("remote");
            remote.put("url", url);
            ObjectNode oauth = remote.putObject("oauth").put("mode", "oauthClient");
            ObjectNode client = oauth.putObject("client");
            client.put("tokenURL", kc.tokenEndpoint(KeycloakFixture.CORP));
            client.putObject("clientId").put("type", "literal").put("value", "ocli-ci");
            client.putObject("clientSecret").put("type", "env").put("value", "OCLI_CI_SECRET");
            Files.write(dir.resolve(".cli.json"), JSON.writeValueAsBytes(config));
            ctx.log("client config " + dir.resolve(".cli.json") + ":\n" + Files.readString(dir.resolve(".cli.json")));
            return new Client(dir, home, Map.of("OCLI_CI_SECRET", kc.clientSecret(KeycloakFixture.CORP, "ocli-ci")));
        }

        ProcResult ocli(LaneContext ctx, String... args) throws Exception {
            return ctx.ocliAs(home, dir, env, args);
        }
    }

    private static void clientSession(LaneContext ctx, Client client, UpstreamProject upstream) throws Exception {
        ProcResult validate = client.ocli(ctx, "config", "validate");
        ctx.check("ocli config validate accepts the client-only config", validate.exitCode() == 0, "exit " + validate.exitCode());

        ProcResult listed = client.ocli(ctx, "catalog", "list", "--format", "json");
        List<String> tools = listed.exitCode() == 0 ? CatalogJson.toolIds(ctx.json(listed.stdout()).path("catalog").path("tools")) : List.of();
        ctx.check("ocli catalog list (client credentials at Keycloak) shows the envelope's tools from the runtime's own config",
                tools.equals(List.of("upstream:getTicket", "upstream:listTickets")), "exit " + listed.exitCode() + " " + tools);

        upstream.reset(ctx);
        ProcResult call = client.ocli(ctx, "upstream", "tickets", "list-tickets");
        int reached = upstream.requestCount(ctx);
        ctx.check("a tool call runs in the container against the host's upstream", call.exitCode() == 0 && reached == 1,
                "exit " + call.exitCode() + ", upstream saw " + reached);

        ProcResult auditList = client.ocli(ctx, "audit", "list", "--format", "json");
        List<String> calls = new ArrayList<>();
        if (auditList.exitCode() == 0) {
            for (JsonNode event : ctx.json(auditList.stdout()).path("events")) {
                if (event.path("toolId").asText().equals("upstream:listTickets")) calls.add(event.path("clientId").asText());
            }
        }
        ctx.check("ocli audit list reads the runtime's trail: the call's record, by client ocli-ci",
                calls.contains("ocli-ci"), "exit " + auditList.exitCode() + ", records of the call by " + calls);
        ctx.check("the client kept nothing of the runtime: no audit file under its HOME",
                noAuditUnder(client.home()), client.home().toString());
    }

    /** Checks and verifies the trail on {@code volume}; returns its text ("" when there is none). */
    static String verifyAuditVolume(LaneContext ctx, Podman podman, Client client, String volume) throws Exception {
        ProcResult mounted = podman.run("volume", "mount", volume);
        Path data = Path.of(mounted.stdout().strip());
        try {
            Path file = data.resolve("audit.log");
            ctx.check("the audit trail is on the named volume " + volume, mounted.exitCode() == 0 && Files.isRegularFile(file),
                    file.toString());
            Object owner = Files.isRegularFile(file) ? Files.getAttribute(file, "unix:uid") : null;
            ctx.check("written by uid 10001", Integer.valueOf(10001).equals(owner), String.valueOf(owner));
            ProcResult verify = client.ocli(ctx, "audit", "verify", "--path", file.toString());
            ctx.check("ocli audit verify on the volume's trail after the stop: exit 0", verify.exitCode() == 0,
                    verify.stdout().strip());
            if (Files.isRegularFile(file)) {
                String text = Files.readString(file);
                ctx.artifact("audit.log", text);
                ctx.check("the trail holds the call and is free of the client secret",
                        text.contains("upstream:listTickets") && !text.contains(client.env().get("OCLI_CI_SECRET")),
                        text.lines().count() + " records");
                return text;
            }
            return "";
        } finally {
            podman.run("volume", "unmount", volume);
        }
    }

    /** Whether the state volume holds the runtime's registry entry (instances/container/runtime.json). */
    private static boolean registryEntry(Podman podman, String volume) throws Exception {
        ProcResult mounted = podman.run("volume", "mount", volume);
        try {
            return mounted.exitCode() == 0
                    && Files.isRegularFile(Path.of(mounted.stdout().strip()).resolve("instances/container/runtime.json"));
        } finally {
            podman.run("volume", "unmount", volume);
        }
    }

    private static boolean noAuditUnder(Path home) throws Exception {
        try (var files = Files.walk(home)) {
            return files.noneMatch(f -> f.getFileName().toString().startsWith("audit.log"));
        }
    }
}
