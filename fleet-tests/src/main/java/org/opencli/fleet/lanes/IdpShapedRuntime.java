package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.opencli.fleet.Background;
import org.opencli.fleet.CatalogJson;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * The identity lanes' topology: the test upstream's project as {@code oclird --config} with a
 * {@code runtime.server.auth} block trusting the oidc-provider fixture, run as a user of its own
 * (own directory, HOME and state); each client a user of its own too (own HOME, own directory
 * holding a client config with only {@code runtime}), knowing only the runtime's URL.
 */
final class IdpShapedRuntime {
    final LaneContext ctx;
    final SeparateRuntime runtime;
    final UpstreamProject project;

    private IdpShapedRuntime(SeparateRuntime runtime) {
        this.ctx = runtime.ctx;
        this.runtime = runtime;
        this.project = runtime.project;
    }

    static IdpShapedRuntime start(LaneContext ctx, TestUpstream upstream, String instanceId, Consumer<ObjectNode> serverAuth) throws Exception {
        return new IdpShapedRuntime(SeparateRuntime.start(ctx, upstream, instanceId,
                config -> serverAuth.accept(config.withObject("/runtime").withObject("/server").withObject("/auth"))));
    }

    String url() {
        return runtime.url();
    }

    /** A client: its own HOME and directory with {@code .cli.json} = {@code {"runtime": {"mode": "remote", "remote": {"url": …, "oauth": oauth}}}}. */
    Client client(String name, String oauthJson) throws IOException {
        Path home = Files.createDirectories(ctx.workDir().resolve(name + "-home"));
        Path dir = Files.createDirectories(ctx.workDir().resolve(name));
        Files.writeString(dir.resolve(".cli.json"), """
                {"runtime": {"mode": "remote", "remote": {"url": "%s", "oauth": %s}}}
                """.formatted(url(), oauthJson));
        ctx.log("client config " + dir.resolve(".cli.json") + ":\n" + Files.readString(dir.resolve(".cli.json")));
        return new Client(home, dir);
    }

    /** A user of their own running ocli from their own directory. */
    final class Client {
        final Path home;
        final Path dir;

        Client(Path home, Path dir) {
            this.home = home;
            this.dir = dir;
        }

        ProcResult ocli(Map<String, String> env, String... args) throws Exception {
            return ctx.ocliAs(home, dir, env, args);
        }

        Background ocliInBackground(Map<String, String> env, String... args) throws IOException {
            return ctx.ocliAsInBackground(home, dir, env, args);
        }

        /** {@code ocli auth token}: kept out of the transcript. */
        String token(Map<String, String> env) throws Exception {
            return ctx.ocliAsSecretOutput(home, dir, env, "auth", "token").stdout().strip();
        }

        /** The tool ids {@code ocli catalog list --format json} shows, or null when it failed. */
        List<String> toolIds(Map<String, String> env) throws Exception {
            ProcResult listed = ocli(env, "catalog", "list", "--format", "json");
            return listed.exitCode() == 0 ? CatalogJson.toolIds(ctx.json(listed.stdout()).path("catalog").path("tools")) : null;
        }

        /** {@code ocli auth status --format json} parsed, or null when it failed. */
        JsonNode status(Map<String, String> env) throws Exception {
            ProcResult status = ocli(env, "auth", "status", "--format", "json");
            return status.exitCode() == 0 ? ctx.json(status.stdout()) : null;
        }
    }

    /** {@code POST /v1/tools/execute} of {@code toolId} with {@code bearer} (not through ocli: a tool ocli does not offer). */
    HttpResponse<String> execute(String bearer, String toolId, String bodyJson) throws IOException, InterruptedException {
        HttpResponse<String> response = ctx.http().send(HttpRequest.newBuilder(URI.create(url() + "/v1/tools/execute"))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"toolId\":\"" + toolId + "\",\"body\":" + bodyJson + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        ctx.log("POST " + url() + "/v1/tools/execute " + toolId + " (bearer) -> " + response.statusCode() + "\n  " + response.body());
        return response;
    }

    /** {@code GET path} with {@code bearer}. */
    HttpResponse<String> get(String bearer, String path) throws IOException, InterruptedException {
        return ctx.get(url() + path, Map.of("Authorization", "Bearer " + bearer));
    }

    String auditText() throws IOException {
        return runtime.auditText();
    }

    /** The audit records once {@code ready} holds, or as they are after 10 s; kept as an artifact. */
    List<JsonNode> audit(Predicate<List<JsonNode>> ready) throws IOException, InterruptedException {
        return runtime.audit(ready);
    }
}
