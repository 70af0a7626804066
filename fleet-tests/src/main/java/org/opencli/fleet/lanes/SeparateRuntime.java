package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.opencli.fleet.Daemon;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.keycloak.KeycloakFixture;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * A runtime as its operator runs it, sharing nothing with its clients: the test upstream's project
 * as {@code oclird --config} in its own directory, with runtime auth trusting Keycloak realm corp,
 * started as a user of its own (its own HOME; its state — registry, audit — under that HOME).
 */
final class SeparateRuntime {
    final LaneContext ctx;
    final UpstreamProject project;
    final Path home;
    final Daemon daemon;
    final String instanceId;

    private SeparateRuntime(LaneContext ctx, UpstreamProject project, Path home, Daemon daemon, String instanceId) {
        this.ctx = ctx;
        this.project = project;
        this.home = home;
        this.daemon = daemon;
        this.instanceId = instanceId;
    }

    static SeparateRuntime start(LaneContext ctx, KeycloakFixture kc, TestUpstream upstream, String instanceId) throws Exception {
        return start(ctx, upstream, instanceId, config -> AuthRuntime.serverAuth(config.withObject("/runtime"), kc));
    }

    /** As above, with the project's config (its {@code runtime} block included) shaped by {@code configure}. */
    static SeparateRuntime start(LaneContext ctx, TestUpstream upstream, String instanceId,
                                 Consumer<ObjectNode> configure) throws Exception {
        UpstreamProject project = UpstreamProject.create(ctx, upstream, configure);
        ctx.log("runtime config " + project.config + ":\n" + Files.readString(project.config));
        Path home = Files.createDirectories(ctx.workDir().resolve("runtime-home"));
        Daemon daemon = ctx.startDaemonAs(home, project.dir, instanceId, project.env(), "--config", project.config.toString());
        return new SeparateRuntime(ctx, project, home, daemon, instanceId);
    }

    String url() {
        return daemon.url();
    }

    Path stateRoot() {
        return home.resolve(".local/state/oas-cli");
    }

    Path auditFile() {
        return stateRoot().resolve("instances").resolve(instanceId).resolve("audit.log");
    }

    /**
     * The runtime's audit records once {@code ready} holds (records are written off the request
     * thread), or as they are after 10 s; the log is kept as a lane artifact.
     */
    List<JsonNode> audit(Predicate<List<JsonNode>> ready) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        List<JsonNode> records = read();
        while (!ready.test(records) && Instant.now().isBefore(deadline)) {
            daemon.process().waitFor(100, TimeUnit.MILLISECONDS);
            records = read();
        }
        ctx.artifact("runtime-audit.log", auditText());
        return records;
    }

    /** The runtime's audit log as it is now ("" before the first record). */
    String auditText() throws IOException {
        return Files.isRegularFile(auditFile()) ? Files.readString(auditFile()) : "";
    }

    private List<JsonNode> read() throws IOException {
        List<JsonNode> records = new ArrayList<>();
        if (!Files.isRegularFile(auditFile())) return records;
        for (String line : Files.readAllLines(auditFile())) {
            if (!line.isBlank()) records.add(ctx.json(line));
        }
        return records;
    }

    /**
     * Whether some {@code tool_execution} record allowed {@code toolId} for {@code who}: a person's
     * principal, or the client id of a service account (whose principal is its subject id).
     */
    static boolean executed(List<JsonNode> records, String toolId, String who) {
        return records.stream().anyMatch(r -> "tool_execution".equals(r.path("eventType").asText())
                && toolId.equals(r.path("toolId").asText()) && "allow".equals(r.path("decision").asText())
                && (who.equals(r.path("principal").asText()) || who.equals(r.path("clientId").asText())));
    }

    /** Files under {@code dir} (recursively), as paths relative to it; empty when it does not exist. */
    static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
