package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.upstream.TestUpstream;
import org.opencli.fleet.upstream.UpstreamCredentials;

/**
 * A project directory for the test upstream API: its description, a {@code .cli.json} pointed at
 * the running upstream (service base URL and OAuth token URL), and the environment that holds
 * the secrets the config names.
 */
final class UpstreamProject {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    final Path dir;
    final Path config;
    final TestUpstream upstream;

    private UpstreamProject(Path dir, TestUpstream upstream) {
        this.dir = dir;
        this.config = dir.resolve(".cli.json");
        this.upstream = upstream;
    }

    static UpstreamProject create(LaneContext ctx, TestUpstream upstream, Consumer<ObjectNode> edit) throws IOException {
        Path dir = ctx.fixture("upstream");
        ObjectNode config = (ObjectNode) JSON.readTree(dir.resolve(".cli.json").toFile());
        ((ObjectNode) config.path("services").path("upstream")).put("baseURL", upstream.apiUrl());
        ((ObjectNode) config.path("secrets").path("upstream.oauth")).put("tokenURL", upstream.url() + "/oauth/token");
        edit.accept(config);
        Files.write(dir.resolve(".cli.json"), JSON.writeValueAsBytes(config));
        return new UpstreamProject(dir, upstream);
    }

    /** A second project over the same upstream: this one's files copied to {@code <work>/<name>} (its own config path, so its own instance). */
    UpstreamProject copyTo(LaneContext ctx, String name) throws IOException {
        Path target = Files.createDirectories(ctx.workDir().resolve(name));
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) Files.copy(file, target.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return new UpstreamProject(target, upstream);
    }

    /** The secrets every scheme of the upstream needs, as the config's env secrets name them. */
    Map<String, String> env() {
        UpstreamCredentials c = upstream.credentials();
        Map<String, String> env = new HashMap<>();
        env.put("UPSTREAM_TOKEN", c.bearerToken());
        env.put("UPSTREAM_BASIC", c.basicPair());
        env.put("UPSTREAM_API_KEY", c.apiKey());
        env.put("UPSTREAM_SESSION", c.sessionCookie());
        env.put("UPSTREAM_CLIENT_ID", c.clientId());
        env.put("UPSTREAM_CLIENT_SECRET", c.clientSecret());
        return env;
    }

    /** Every request the upstream received since the last reset (admin calls excluded). */
    JsonNode requests(LaneContext ctx) throws IOException, InterruptedException {
        return ctx.json(ctx.get(upstream.url() + "/_admin/requests").body());
    }

    int requestCount(LaneContext ctx) throws IOException, InterruptedException {
        return requests(ctx).size();
    }

    /** Edits the project's config in place (a daemon on it sees the edit after its file-check interval). */
    void editConfig(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(config.toFile());
        edit.accept(json);
        Files.write(config, JSON.writeValueAsBytes(json));
    }

    void reset(LaneContext ctx) throws IOException, InterruptedException {
        ctx.post(upstream.url() + "/_admin/reset", "{}");
    }
}
