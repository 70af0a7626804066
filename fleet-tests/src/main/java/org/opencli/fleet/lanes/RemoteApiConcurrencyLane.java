package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.opencli.fleet.Daemon;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.upstream.TestUpstream;

/** Many executions at once: each gets its own upstream answer and its own credentials. */
public final class RemoteApiConcurrencyLane implements Lane {
    private static final int PARALLEL = 64;

    @Override
    public void run(LaneContext ctx) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamProject project = UpstreamProject.create(ctx, upstream, config -> {});
            Daemon daemon = ctx.startDaemon("concurrency", project.env(), "--config", project.config.toString());
            String execute = daemon.url() + "/v1/tools/execute";

            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                String tool = i % 2 == 0 ? "upstream:echoGet" : "upstream:secureBoth";
                String body = i % 2 == 0
                        ? "{\"toolId\":\"upstream:echoGet\",\"pathArgs\":[\"call-" + i + "\"],\"flags\":{}}"
                        : "{\"toolId\":\"" + tool + "\"}";
                calls.add(ctx.http().sendAsync(ctx.request(execute)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            int mixed = 0;
            int ok = 0;
            for (int i = 0; i < PARALLEL; i++) {
                HttpResponse<String> response = calls.get(i).join();
                JsonNode result = ctx.json(response.body());
                if (response.statusCode() == 200 && result.path("statusCode").asInt() == 200) ok++;
                if (i % 2 == 0 && !result.path("body").path("rawPath").asText().endsWith("/call-" + i)) mixed++;
                if (i % 2 == 1 && !result.path("body").path("authenticated").asBoolean(false)) mixed++;
            }
            ctx.check(PARALLEL + " parallel executions all answered 200", ok == PARALLEL, ok + " ok");
            ctx.check("no execution received another's response or lost its credentials", mixed == 0, mixed + " mixed");
            long audited = java.nio.file.Files.readString(ctx.stateDir().resolve("instances/concurrency/audit.log")).lines().count();
            ctx.check("one audit record per execution", audited == PARALLEL, audited + " records");
        }
    }
}
