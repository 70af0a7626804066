package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opencli.fleet.Daemon;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * The local daemon serves only its owner: a client without the clientKey from the owner-only
 * runtime.json (another local user) gets a 401 problem and nothing runs; ocli, which reads the key,
 * works by registry and by --runtime URL; a network address without runtime auth refuses to start
 * unless allowed, and then serves only its own config.
 */
public final class LocalDaemonOwnerLane implements Lane {
    @Override
    public void run(LaneContext ctx) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamProject project = UpstreamProject.create(ctx, upstream, config -> {});
            Daemon daemon = ctx.startDaemon("owner", project.env(), "--config", project.config.toString());
            String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(daemon.registryFile()));
            ctx.check("runtime.json is owner-only and holds a clientKey", perms.equals("rw-------") && daemon.clientKey() != null
                    && daemon.clientKey().length() >= 43, perms);

            String execute = daemon.url() + "/v1/tools/execute";
            String body = "{\"toolId\":\"upstream:echoGet\",\"pathArgs\":[\"stranger\"],\"flags\":{}}";
            HttpResponse<String> stranger = asStranger(ctx, execute, body, "Bearer not-the-key");
            HttpResponse<String> noKey = asStranger(ctx, execute, body, null);
            JsonNode problem = stranger.statusCode() == 401 ? ctx.json(stranger.body()) : null;
            ctx.check("a client without the owner's key gets 401 problem+json", stranger.statusCode() == 401
                    && noKey.statusCode() == 401
                    && stranger.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                    && problem != null && problem.path("code").asText().equals("unauthenticated"),
                    stranger.statusCode() + " / " + noKey.statusCode() + " " + stranger.body());
            String other = URLEncoder.encode(project.config.toString(), StandardCharsets.UTF_8);
            HttpResponse<String> catalog = asStranger(ctx, daemon.url() + "/v1/catalog/effective?config=" + other, null, null);
            ctx.check("nor may it read the catalog or name a config", catalog.statusCode() == 401, String.valueOf(catalog.statusCode()));
            ctx.check("health stays open", asStranger(ctx, daemon.url() + "/q/health/live", null, null).statusCode() == 200, "");
            ctx.check("nothing a stranger sent reached the upstream", project.requestCount(ctx) == 0,
                    project.requestCount(ctx) + " requests");
            String audit = Files.readString(ctx.stateDir().resolve("instances/owner/audit.log"));
            ctx.check("the refusals are audited, the key never", audit.contains("authn_failure") && !audit.contains(daemon.clientKey()),
                    "");

            ProcResult byRegistry = ctx.ocliIn(project.dir, project.env(), "--instance-id", "owner", "upstream", "diagnostics",
                    "echo-get", "by-registry");
            ProcResult byUrl = ctx.ocliIn(project.dir, project.env(), "--runtime", daemon.url(), "upstream", "diagnostics",
                    "echo-get", "by-url");
            ctx.check("ocli sends the key itself: by registry and by --runtime URL", byRegistry.exitCode() == 0 && byUrl.exitCode() == 0,
                    "exit " + byRegistry.exitCode() + " / " + byUrl.exitCode() + " " + byUrl.stderr().strip());
            daemon.close();

            Path log = ctx.workDir().resolve("open-refused.log");
            List<String> command = new ArrayList<>(List.of(ctx.repoRoot().resolve("bin/oclird").toString(),
                    "--state-dir", ctx.stateDir().toString(), "--instance-id", "open", "--addr", "0.0.0.0:0",
                    "--config", project.config.toString()));
            Process refused = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean ended = refused.waitFor(60, TimeUnit.SECONDS);
            if (!ended) refused.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            String said = Files.readString(log);
            ctx.log("oclird --addr 0.0.0.0:0 without auth:\n" + said);
            ctx.check("a non-loopback --addr without runtime auth refuses to start and says why",
                    ended && refused.exitValue() != 0 && said.contains("not a loopback address")
                            && said.contains("--allow-unauthenticated-remote"),
                    ended ? "exit " + refused.exitValue() : "still running");

            int port;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
                port = probe.getLocalPort(); // a named port: with --addr HOST:0 the registry would not learn the bound one
            }
            Daemon open = ctx.startDaemon("open", project.env(), "--addr", "0.0.0.0:" + port, "--allow-unauthenticated-remote",
                    "--config", project.config.toString());
            String base = open.url().replace("0.0.0.0", "127.0.0.1");
            HttpResponse<String> own = asStranger(ctx, base + "/v1/tools/execute", body, null);
            Path elsewhere = Files.createDirectories(ctx.workDir().resolve("elsewhere")).resolve(".cli.json");
            Files.copy(project.config, elsewhere, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            HttpResponse<String> named = asStranger(ctx, base + "/v1/catalog/effective?config="
                    + URLEncoder.encode(elsewhere.toString(), StandardCharsets.UTF_8), null, null);
            ctx.check("allowed explicitly, it serves its own config to anyone and no other", own.statusCode() == 200
                    && open.clientKey() == null && named.statusCode() == 403 && named.body().contains("config_pinned"),
                    own.statusCode() + " / " + named.statusCode());
        }
    }

    /** A request as another local user makes it: whatever it sends, it cannot read the owner's runtime.json. */
    private static HttpResponse<String> asStranger(LaneContext ctx, String url, String json, String authorization)
            throws java.io.IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (authorization != null) request.header("Authorization", authorization);
        if (json == null) request.GET();
        else request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = ctx.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
        ctx.log((json == null ? "GET " : "POST ") + url + " as a stranger -> " + response.statusCode());
        return response;
    }
}
