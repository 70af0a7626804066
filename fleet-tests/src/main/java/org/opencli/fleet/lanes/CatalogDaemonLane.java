package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.opencli.fleet.CatalogJson;
import org.opencli.fleet.Daemon;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;

/** oclird as a local daemon: ocli finds it, gets the same JSON as embedded mode, sees edits. */
public final class CatalogDaemonLane implements Lane {

    @Override
    public void run(LaneContext ctx) throws Exception {
        Path project = ctx.fixture("tickets");
        String config = project.resolve(".cli.json").toString();
        String instance = "fleet-daemon";
        Daemon daemon = ctx.startDaemon(instance, "--config", config);
        ctx.check("oclird publishes runtime.json with its URL", Files.isRegularFile(daemon.registryFile()), daemon.url());

        ProcResult viaUrl = ctx.ocli("--runtime", daemon.url(), "--config", config, "catalog", "list", "--format", "json");
        ProcResult embedded = ctx.ocli("--embedded", "--config", config, "catalog", "list", "--format", "json");
        ctx.artifact("catalog-daemon.json", viaUrl.stdout());
        boolean bothOk = viaUrl.exitCode() == 0 && embedded.exitCode() == 0;
        ctx.check("ocli --runtime URL catalog list exits 0", viaUrl.exitCode() == 0, "exit " + viaUrl.exitCode());
        ctx.check("daemon and embedded answers are identical (build and fetch timestamps aside)",
                bothOk && CatalogJson.withoutTimestamps(ctx.json(viaUrl.stdout())).equals(CatalogJson.withoutTimestamps(ctx.json(embedded.stdout()))),
                bothOk ? "compared" : "a run failed");

        ProcResult viaRegistry = ctx.ocli("--instance-id", instance, "runtime", "info", "--format", "json");
        ctx.check("ocli finds the daemon through the instance registry",
                viaRegistry.exitCode() == 0 && daemon.url().equals(ctx.json(viaRegistry.stdout()).path("url").asText()),
                "exit " + viaRegistry.exitCode());

        String base = daemon.url() + "/v1/catalog/effective";
        HttpResponse<String> first = ctx.get(base);
        HttpResponse<String> second = ctx.get(base);
        ctx.check("warm catalog is served from cache (same generatedAt)",
                first.statusCode() == 200 && ctx.json(first.body()).path("catalog").path("generatedAt")
                        .equals(ctx.json(second.body()).path("catalog").path("generatedAt")), "status " + first.statusCode());

        Path openapi = project.resolve("helpdesk.openapi.yaml");
        Files.writeString(openapi, Files.readString(openapi).replace("  /internal/reindex:",
                "  /agents:\n    get:\n      operationId: listAgents\n      tags: [agents]\n      responses:\n        \"200\": { description: OK }\n  /internal/reindex:"));
        // The daemon trusts files it looked at for --file-check-interval (default 1 s): the edit must
        // show within that, give or take a loaded machine's scheduling.
        long editedAt = System.nanoTime();
        long deadline = editedAt + TimeUnit.SECONDS.toNanos(10);
        HttpResponse<String> edited = ctx.get(base);
        while (!hasTool(ctx, edited, "helpdesk:listAgents") && System.nanoTime() < deadline) {
            daemon.process().waitFor(100, TimeUnit.MILLISECONDS); // poll with a deadline
            edited = ctx.get(base);
        }
        long seenAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - editedAt);
        ctx.check("an edited source is picked up within the daemon's file-check interval (1 s, +4 s slack for a loaded machine)",
                hasTool(ctx, edited, "helpdesk:listAgents") && seenAfterMs <= 5000,
                "status " + edited.statusCode() + ", seen after " + seenAfterMs + " ms");

        HttpResponse<String> unknownProfile = ctx.get(base + "?agentProfile=" + URLEncoder.encode("nobody", StandardCharsets.UTF_8));
        JsonNode problem = ctx.json(unknownProfile.body());
        ctx.check("unknown profile: problem+json with a stable code",
                unknownProfile.statusCode() == 400 && unknownProfile.headers().firstValue("content-type").orElse("").startsWith("application/problem+json")
                        && "unknown_profile".equals(problem.path("code").asText()), unknownProfile.statusCode() + " " + unknownProfile.body());

        ProcResult cliProblem = ctx.ocli("--runtime", daemon.url(), "--agent-profile", "nobody", "catalog", "list");
        ctx.check("ocli explains the runtime's problem and exits non-zero",
                cliProblem.exitCode() != 0 && cliProblem.stderr().contains("nobody"), "exit " + cliProblem.exitCode());

        daemon.close();
        ctx.check("oclird removes its registry entry on shutdown", !Files.exists(daemon.registryFile()), daemon.registryFile().toString());
    }

    private static boolean hasTool(LaneContext ctx, HttpResponse<String> response, String toolId) throws java.io.IOException {
        return response.statusCode() == 200
                && CatalogJson.toolIds(ctx.json(response.body()).path("catalog").path("tools")).contains(toolId);
    }
}
