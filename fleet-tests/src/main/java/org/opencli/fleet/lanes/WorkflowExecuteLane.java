package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencli.fleet.Daemon;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * The Arazzo workflow {@code openAndClose} over oclird and the real test upstream: validation only
 * sends nothing; {@code --execute} creates, reads and closes a ticket (checked on the upstream
 * itself); a policy-denied step refuses the whole run before any request.
 */
public final class WorkflowExecuteLane implements Lane {

    @Override
    public void run(LaneContext ctx) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamProject project = UpstreamProject.create(ctx, upstream, config -> {});
            Daemon daemon = ctx.startDaemon("workflows", project.env(), "--config", project.config.toString());
            RemoteApiCoreLane.Core cli = new RemoteApiCoreLane.Core(ctx, project, daemon.url());

            project.reset(ctx);
            ProcResult check = cli.ocli("workflow", "run", "openAndClose", "--format", "json");
            JsonNode checked = json(ctx, check);
            ctx.check("validation only: exit 0, three steps ready, nothing sent",
                    check.exitCode() == 0 && statuses(checked).equals(List.of("ready", "ready", "ready"))
                            && project.requestCount(ctx) == 0,
                    "exit " + check.exitCode() + " " + check.stdout() + check.stderr());

            ProcResult run = cli.ocli("workflow", "run", "openAndClose", "--input", "title=Printer", "--execute", "--format", "json");
            ctx.artifact("execute.json", run.stdout());
            JsonNode ran = json(ctx, run);
            ctx.check("--execute: exit 0, create/get/update succeeded with 201/200/200",
                    run.exitCode() == 0 && statuses(ran).equals(List.of("succeeded", "succeeded", "succeeded"))
                            && codes(ran).equals(List.of(201, 200, 200)),
                    "exit " + run.exitCode() + " " + run.stdout() + run.stderr());
            String id = ran.path("outputs").path("ticketId").asText();
            HttpResponse<String> ticket = ctx.get(upstream.apiUrl() + "/tickets/" + id);
            JsonNode t = ctx.json(ticket.body());
            ctx.check("the upstream's ticket is titled Printer and closed",
                    ticket.statusCode() == 200 && "Printer".equals(t.path("title").asText())
                            && "closed".equals(t.path("status").asText()), ticket.statusCode() + " " + ticket.body());
            ctx.check("the id flowed from step 1's response into steps 2 and 3",
                    !id.isEmpty() && project.requests(ctx).toString().contains("/tickets/" + id), "id " + id);

            String audit = Files.readString(ctx.stateDir().resolve("instances/workflows/audit.log"));
            ctx.artifact("audit.log", audit);
            ctx.check("one audit record per executed step",
                    count(audit, "upstream:createTicket") == 1 && count(audit, "upstream:getTicket") == 1
                            && count(audit, "upstream:updateTicket") == 1, audit.lines().count() + " records");

            // A second config denying the last step, which this runtime (no auth: not pinned) may serve;
            // a client config asks for it by runtime.remote.requestConfigPath. The run is refused
            // before the first step is sent.
            Path denied = project.dir.resolve("denied.cli.json");
            ObjectNode config = (ObjectNode) ctx.json(Files.readString(project.config));
            config.putObject("policy").putArray("deny").add("upstream:updateTicket");
            Files.writeString(denied, config.toString());
            Path client = Files.createDirectories(ctx.workDir().resolve("denied-client")).resolve(".cli.json");
            Files.writeString(client, "{\"runtime\": {\"remote\": {\"requestConfigPath\": \"" + denied + "\"}}}");
            project.reset(ctx);
            ProcResult refused = cli.ocli("--config", client.toString(), "workflow", "run", "openAndClose",
                    "--input", "title=Never", "--execute");
            ctx.check("a policy-denied step: exit 5, policy_deny naming the step, nothing sent",
                    refused.exitCode() == 5 && refused.stderr().contains("updateTicket") && project.requestCount(ctx) == 0,
                    "exit " + refused.exitCode() + " " + refused.stderr() + ", upstream saw " + project.requestCount(ctx));

            ProcResult unknown = cli.ocli("workflow", "run", "noSuchWorkflow");
            ctx.check("unknown workflow: exit 3", unknown.exitCode() == 3, "exit " + unknown.exitCode() + " " + unknown.stderr());
        }
    }

    private static JsonNode json(LaneContext ctx, ProcResult r) {
        try {
            return ctx.json(r.stdout());
        } catch (Exception e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance(); // not JSON: the checks fail with the output
        }
    }

    private static List<String> statuses(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.path("steps").forEach(s -> out.add(s.path("status").asText()));
        return out;
    }

    private static List<Integer> codes(JsonNode result) {
        List<Integer> out = new ArrayList<>();
        result.path("steps").forEach(s -> out.add(s.path("statusCode").asInt()));
        return out;
    }

    private static long count(String text, String needle) {
        return text.lines().filter(l -> l.contains("\"" + needle + "\"")).count();
    }
}
