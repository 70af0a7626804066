package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.opencli.fleet.Daemon;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.keycloak.KeycloakFixture;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * The auth lanes' common setup: the test upstream's project with {@code runtime.server.auth}
 * trusting Keycloak realm {@code corp} (audience {@code oclird}, browser metadata for
 * {@code ocli auth login}, optionally the revocation check), an {@code oclird} on it, and ocli
 * run from the project against that daemon.
 */
final class AuthRuntime {
    static final String AUDIENCE = "oclird";
    static final String INTROSPECTOR_SECRET_ENV = "OCLIRD_INTROSPECTOR_SECRET";

    final LaneContext ctx;
    final KeycloakFixture kc;
    final UpstreamProject project;
    final Daemon daemon;
    final String instanceId;

    private AuthRuntime(LaneContext ctx, KeycloakFixture kc, UpstreamProject project, Daemon daemon, String instanceId) {
        this.ctx = ctx;
        this.kc = kc;
        this.project = project;
        this.daemon = daemon;
        this.instanceId = instanceId;
    }

    /**
     * Starts oclird with auth on; {@code auth} may adjust the server block (e.g. clock skew,
     * revocation check) and {@code remoteOAuth}, when non-null, fills ocli's
     * {@code runtime.remote.oauth} in the same project file.
     */
    static AuthRuntime start(LaneContext ctx, KeycloakFixture kc, TestUpstream upstream, String instanceId,
                             Consumer<ObjectNode> auth, Consumer<ObjectNode> remoteOAuth) throws Exception {
        UpstreamProject project = UpstreamProject.create(ctx, upstream, config -> {
            ObjectNode runtime = config.withObject("/runtime");
            auth.accept(serverAuth(runtime, kc));
            if (remoteOAuth != null) remoteOAuth.accept(runtime.withObject("/remote").withObject("/oauth"));
        });
        ctx.log("project config:\n" + Files.readString(project.config));
        Map<String, String> env = new HashMap<>(project.env());
        env.put(INTROSPECTOR_SECRET_ENV, kc.clientSecret(KeycloakFixture.CORP, KeycloakFixture.INTROSPECTOR));
        Daemon daemon = ctx.startDaemon(instanceId, env, "--config", project.config.toString());
        return new AuthRuntime(ctx, kc, project, daemon, instanceId);
    }

    /**
     * Fills {@code runtime.server.auth}: tokens of Keycloak realm corp with audience {@code oclird},
     * and the browser/device metadata ocli's sign-in takes from {@code /v1/auth/browser-config}.
     */
    static ObjectNode serverAuth(ObjectNode runtime, KeycloakFixture kc) {
        ObjectNode server = runtime.withObject("/server").withObject("/auth");
        server.put("validationProfile", "oidc_jwks");
        server.put("issuer", kc.issuer(KeycloakFixture.CORP));
        server.put("jwksURL", kc.jwksUri(KeycloakFixture.CORP));
        server.put("audience", AUDIENCE);
        server.put("authorizationURL", kc.authorizationEndpoint(KeycloakFixture.CORP));
        server.put("tokenURL", kc.tokenEndpoint(KeycloakFixture.CORP));
        server.put("deviceAuthorizationURL", kc.deviceEndpoint(KeycloakFixture.CORP));
        server.put("revocationURL", kc.revocationEndpoint(KeycloakFixture.CORP));
        server.put("browserClientId", "ocli");
        return server;
    }

    /** The revocation check against realm corp's introspection endpoint, asked on every request. */
    static void revocationCheck(ObjectNode server, KeycloakFixture kc) {
        ObjectNode check = server.putObject("revocationCheck");
        check.put("introspectionURL", kc.introspectionEndpoint(KeycloakFixture.CORP));
        check.putObject("clientId").put("type", "literal").put("value", KeycloakFixture.INTROSPECTOR);
        check.putObject("clientSecret").put("type", "env").put("value", INTROSPECTOR_SECRET_ENV);
        check.put("cacheSeconds", 0);
    }

    /** {@code ocli --runtime <daemon> args…} from the project directory. */
    ProcResult ocli(Map<String, String> env, String... args) throws Exception {
        return ctx.ocliIn(project.dir, env, withRuntime(args));
    }

    /** {@code ocli auth token}: the token is the result's stdout and stays out of the transcript. */
    ProcResult token(Map<String, String> env) throws Exception {
        return ctx.ocliInSecretOutput(project.dir, env, withRuntime("auth", "token"));
    }

    String[] withRuntime(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--runtime";
        all[1] = daemon.url();
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }

    /** The daemon's audit records, oldest first; the log is kept as a lane artifact. */
    List<JsonNode> audit() throws IOException {
        String text = auditText();
        ctx.artifact("audit.log", text);
        List<JsonNode> records = new ArrayList<>();
        for (String line : text.lines().filter(l -> !l.isBlank()).toList()) records.add(ctx.json(line));
        return records;
    }

    /**
     * The audit records once {@code ready} holds for them (the daemon writes its audit records
     * off the request thread, so the last refusal may land a moment after its answer), or as they
     * are after 10 s.
     */
    List<JsonNode> audit(Predicate<List<JsonNode>> ready) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        List<JsonNode> records = audit();
        while (!ready.test(records) && Instant.now().isBefore(deadline)) {
            daemon.process().waitFor(100, TimeUnit.MILLISECONDS);
            records = audit();
        }
        return records;
    }

    String auditText() throws IOException {
        Path file = auditFile();
        return Files.isRegularFile(file) ? Files.readString(file) : "";
    }

    Path auditFile() {
        return ctx.stateDir().resolve("instances").resolve(instanceId).resolve("audit.log");
    }

    static List<JsonNode> ofType(List<JsonNode> records, String eventType) {
        return records.stream().filter(r -> eventType.equals(r.path("eventType").asText())).toList();
    }

    /** {@code ocli auth status --format json} parsed, or null when it failed. */
    JsonNode status() throws Exception {
        ProcResult status = ocli(Map.of(), "auth", "status", "--format", "json");
        return status.exitCode() == 0 ? ctx.json(status.stdout()) : null;
    }

    /** The cached sign-in file ocli wrote for this daemon's URL (the user's {@code <state-root>/auth/<sha256(url)>.json}), or null. */
    Path tokenFile() throws IOException {
        Path auth = ctx.stateDir().resolve("auth");
        if (!Files.isDirectory(auth)) return null;
        try (var files = Files.list(auth)) {
            return files.filter(f -> f.toString().endsWith(".json")).findFirst().orElse(null);
        }
    }
}
