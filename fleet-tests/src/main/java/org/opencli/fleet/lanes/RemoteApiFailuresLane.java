package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.opencli.fleet.Daemon;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.upstream.TestUpstream;

/** Refusals that never reach the network, retries, exhausted retries and an unreachable upstream. */
public final class RemoteApiFailuresLane implements Lane {

    @Override
    public void run(LaneContext ctx) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamProject project = UpstreamProject.create(ctx, upstream, config -> config.putObject("policy").putArray("deny").add("upstream:getLogo"));
            Map<String, String> env = new HashMap<>(project.env());
            env.remove("UPSTREAM_TOKEN"); // the bearer secret is unresolvable for this daemon
            Daemon daemon = ctx.startDaemon("failures", env, "--config", project.config.toString());
            RemoteApiCoreLane.Core cli = new RemoteApiCoreLane.Core(ctx, project, daemon.url());
            String execute = daemon.url() + "/v1/tools/execute";

            project.reset(ctx);
            ProcResult unresolved = cli.ocli("upstream", "auth", "secure-bearer");
            ctx.check("unresolved secret: exit 4, names the scheme and secret, nothing sent",
                    unresolved.exitCode() == 4 && unresolved.stderr().contains("bearerAuth") && project.requestCount(ctx) == 0,
                    "exit " + unresolved.exitCode() + ", upstream saw " + project.requestCount(ctx));

            ProcResult denied = cli.ocli("upstream", "content", "get-logo");
            ctx.check("policy.deny: exit 5 (policy_deny), nothing sent",
                    denied.exitCode() == 5 && denied.stderr().toLowerCase().contains("deny") && project.requestCount(ctx) == 0,
                    "exit " + denied.exitCode());
            HttpResponse<String> deniedHttp = ctx.post(execute, "{\"toolId\":\"upstream:getLogo\"}");
            ctx.check("policy deny over HTTP: 403 problem with code policy_deny",
                    deniedHttp.statusCode() == 403 && "policy_deny".equals(ctx.json(deniedHttp.body()).path("code").asText()),
                    deniedHttp.statusCode() + " " + deniedHttp.body());

            ProcResult badFlag = cli.ocli("upstream", "tickets", "list-tickets", "--limit", "ten");
            ctx.check("a flag of the wrong type is refused before any request (exit 2)",
                    badFlag.exitCode() == 2 && badFlag.stderr().contains("--limit") && project.requestCount(ctx) == 0, "exit " + badFlag.exitCode());

            HttpResponse<String> flaky = ctx.post(execute,
                    "{\"toolId\":\"upstream:flaky429\",\"flags\":{\"key\":\"lane\",\"failures\":1}}");
            JsonNode flakyBody = ctx.json(flaky.body());
            ctx.check("429 with Retry-After then 200: retried once, retryCount 1",
                    flaky.statusCode() == 200 && flakyBody.path("statusCode").asInt() == 200 && flakyBody.path("retryCount").asInt() == 1,
                    flaky.body());

            HttpResponse<String> down = ctx.post(execute, "{\"toolId\":\"upstream:always503\"}");
            JsonNode downBody = ctx.json(down.body());
            ctx.check("503 every time: retries exhausted, upstream status passed through",
                    down.statusCode() == 200 && downBody.path("statusCode").asInt() == 503 && downBody.path("retryCount").asInt() >= 1,
                    down.body());
            ProcResult down5xx = cli.ocli("upstream", "retries", "always503");
            ctx.check("upstream 5xx is exit 7", down5xx.exitCode() == 7, "exit " + down5xx.exitCode());

            String auditText = Files.readString(ctx.stateDir().resolve("instances/failures/audit.log"));
            ctx.artifact("audit.log", auditText);
            ctx.check("denials and failures are audited with their reason codes",
                    auditText.contains("policy_deny") && auditText.contains("credentials_unresolved")
                            && auditText.contains("\"retryCount\":1"), auditText.lines().count() + " records");
        }

        // An upstream that is gone: the configured base URL refuses connections.
        try (TestUpstream gone = TestUpstream.start(0)) {
            UpstreamProject project = UpstreamProject.create(ctx, gone, config -> {});
            gone.close();
            ProcResult unreachable = ctx.ocliIn(project.dir, project.env(), "--embedded", "upstream", "tickets", "list-tickets");
            ctx.check("unreachable upstream: exit 8 with a clear message",
                    unreachable.exitCode() == 8 && !unreachable.stderr().isBlank(), "exit " + unreachable.exitCode());
        }
    }
}
