package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.opencli.fleet.Daemon;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * Calls are checked against the tool's schemas before anything is sent, as users and agents make
 * them: a bad body or flag through ocli (daemon and embedded, dry run too) is exit 2 with one line
 * naming the JSON pointer, over HTTP a 400 problem naming it; the upstream sees nothing and the
 * audit trail has each refusal. explain and --help show allowed values and body fields.
 */
public final class SchemaValidationLane implements Lane {

    @Override
    public void run(LaneContext ctx) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamProject project = UpstreamProject.create(ctx, upstream, config -> {});
            Daemon daemon = ctx.startDaemon("validation", project.env(), "--config", project.config.toString());
            RemoteApiCoreLane.Core cli = new RemoteApiCoreLane.Core(ctx, project, daemon.url());
            project.reset(ctx);

            ProcResult badBody = cli.ocli("upstream", "tickets", "create-ticket", "--body", "{\"title\":\"VPN\",\"status\":\"pending\"}");
            ctx.check("a body value outside its enum: exit 2, the first line names the pointer and the allowed values",
                    badBody.exitCode() == 2 && firstLine(badBody).contains("/status: must be one of [open, closed]"),
                    "exit " + badBody.exitCode() + ": " + badBody.stderr().strip());

            ProcResult dryRun = cli.ocli("upstream", "tickets", "create-ticket", "--body", "{\"title\":\"VPN\",\"status\":\"pending\"}",
                    "--dry-run");
            ctx.check("--dry-run reports the same problem (exit 2)",
                    dryRun.exitCode() == 2 && firstLine(dryRun).contains("/status: must be one of [open, closed]"),
                    "exit " + dryRun.exitCode() + ": " + dryRun.stderr().strip());

            ProcResult embedded = ctx.ocliIn(project.dir, project.env(), "--embedded", "upstream", "tickets", "create-ticket",
                    "--body={\"title\":5}");
            ctx.check("embedded mode checks the same way: a wrong type names the pointer (exit 2), nothing else on stderr",
                    embedded.exitCode() == 2 && firstLine(embedded).startsWith("error: ")
                            && firstLine(embedded).contains("/title: must be a string, not an integer"),
                    "exit " + embedded.exitCode() + ": " + embedded.stderr().strip());

            ProcResult badFlag = cli.ocli("upstream", "tickets", "list-tickets", "--limit", "500");
            ctx.check("a flag beyond its schema's maximum: exit 2 naming the flag",
                    badFlag.exitCode() == 2 && firstLine(badFlag).contains("--limit:"),
                    "exit " + badFlag.exitCode() + ": " + badFlag.stderr().strip());

            HttpResponse<String> http = ctx.post(daemon.url() + "/v1/tools/execute",
                    "{\"toolId\":\"upstream:createTicket\",\"body\":{\"priority\":\"high\"}}");
            JsonNode problem = ctx.json(http.body());
            ctx.check("over HTTP: 400 problem+json invalid_request_body with errors[0].path /title",
                    http.statusCode() == 400 && http.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                            && "invalid_request_body".equals(problem.path("code").asText())
                            && "/title".equals(problem.path("errors").path(0).path("path").asText()),
                    http.statusCode() + " " + http.body());

            ctx.check("the upstream received nothing", project.requestCount(ctx) == 0, "upstream saw " + project.requestCount(ctx));
            ProcResult good = cli.ocli("upstream", "tickets", "create-ticket", "--body", "{\"title\":\"VPN\",\"status\":\"open\"}");
            ctx.check("a body that fits its schema is sent", good.exitCode() == 0 && project.requestCount(ctx) == 1,
                    "exit " + good.exitCode() + ": " + good.stderr().strip());

            String audit = Files.readString(ctx.stateDir().resolve("instances/validation/audit.log"));
            ctx.artifact("audit.log", audit);
            ctx.check("each refusal is audited with its reason code",
                    audit.contains("\"reasonCode\":\"invalid_request_body\"") && audit.contains("\"reasonCode\":\"invalid_parameter\""),
                    audit.lines().count() + " records");

            ProcResult explainList = cli.ocli("explain", "upstream:listTickets", "--format", "table");
            ctx.check("explain shows a flag's allowed values",
                    explainList.exitCode() == 0 && explainList.stdout().contains("--status (string) in query, one of: open, closed"),
                    explainList.stdout());
            ProcResult explainSearch = cli.ocli("explain", "upstream:searchTickets", "--format", "table");
            ctx.check("explain shows the body's fields with type and allowed values",
                    explainSearch.exitCode() == 0 && explainSearch.stdout().contains("q (string)")
                            && explainSearch.stdout().contains("status (string), one of: open, closed"),
                    explainSearch.stdout());
            ProcResult help = cli.ocli("upstream", "tickets", "search-tickets", "--help");
            ctx.check("a tool's --help lists its body fields",
                    help.exitCode() == 0 && help.stdout().contains("Body fields:")
                            && help.stdout().contains("status (string), one of: open, closed"), help.stdout());
            ProcResult listHelp = cli.ocli("upstream", "tickets", "list-tickets", "--help");
            ctx.check("a tool's --help shows a flag's allowed values",
                    listHelp.exitCode() == 0 && listHelp.stdout().contains("(one of: open, closed)"), listHelp.stdout());
        }
    }

    private static String firstLine(ProcResult r) {
        return r.stderr().strip().lines().findFirst().orElse("");
    }
}
