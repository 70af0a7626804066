package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencli.fleet.Daemon;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.upstream.TestUpstream;

/** CRUD, every auth scheme, approval, dry-run redaction and safe path encoding through oclird. */
public final class RemoteApiCoreLane implements Lane {

    @Override
    public void run(LaneContext ctx) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamProject project = UpstreamProject.create(ctx, upstream, config -> {});
            Daemon daemon = ctx.startDaemon("remote-api", project.env(), "--config", project.config.toString());
            Core core = new Core(ctx, project, daemon.url());

            ProcResult created = core.ocli("upstream", "tickets", "create-ticket", "--body", "{\"title\":\"VPN down\",\"priority\":\"high\"}");
            String id = created.exitCode() == 0 ? ctx.json(created.stdout()).path("id").asText() : "";
            ctx.check("create-ticket: exit 0 and the upstream's new id", !id.isEmpty(), "exit " + created.exitCode() + " id " + id);
            ProcResult got = core.ocli("upstream", "tickets", "get-ticket", id);
            ctx.check("get-ticket: the positional id reaches the path", got.exitCode() == 0 && got.stdout().contains("VPN down"), "exit " + got.exitCode());
            ProcResult listed = core.ocli("upstream", "tickets", "list-tickets", "--status", "open");
            ctx.check("list-tickets --status open: query flag applied", listed.exitCode() == 0 && listed.stdout().contains(id), "exit " + listed.exitCode());
            ProcResult patched = core.ocli("upstream", "tickets", "update-ticket", id, "--body", "{\"status\":\"closed\"}");
            ctx.check("update-ticket (PATCH with JSON body): exit 0", patched.exitCode() == 0 && patched.stdout().contains("closed"), "exit " + patched.exitCode());

            int before = project.requestCount(ctx);
            ProcResult unapproved = core.ocli("upstream", "tickets", "delete-ticket", id);
            ctx.check("approval-required tool without --approval (no terminal): exit 5, nothing sent",
                    unapproved.exitCode() == 5 && unapproved.stderr().contains("approval") && project.requestCount(ctx) == before,
                    "exit " + unapproved.exitCode());
            ProcResult approved = core.ocli("upstream", "tickets", "delete-ticket", id, "--approval");
            ctx.check("delete-ticket --approval: exit 0", approved.exitCode() == 0, "exit " + approved.exitCode());
            ProcResult gone = core.ocli("upstream", "tickets", "get-ticket", id);
            ctx.check("upstream 404 is exit 6 with the body printed", gone.exitCode() == 6, "exit " + gone.exitCode());

            for (String[] scheme : new String[][] {{"secure-bearer", "bearer"}, {"secure-basic", "basic"},
                    {"secure-api-key-header", "apikey-header"}, {"secure-api-key-query", "apikey-query"},
                    {"secure-api-key-cookie", "apikey-cookie"}, {"secure-both", "both"}, {"secure-oauth", "oauth"}}) {
                ProcResult r = core.ocli("upstream", "auth", scheme[0]);
                ctx.check("credentials applied for " + scheme[1], r.exitCode() == 0 && r.stdout().contains("\"authenticated\""),
                        "exit " + r.exitCode());
            }

            before = project.requestCount(ctx);
            ProcResult dry = core.ocli("upstream", "auth", "secure-both", "--dry-run", "--format", "json");
            String token = upstream.credentials().bearerToken();
            ctx.check("--dry-run shows the request with credentials as *** and sends nothing",
                    dry.exitCode() == 0 && dry.stdout().contains("***") && !dry.stdout().contains(token)
                            && !dry.stdout().contains(upstream.credentials().apiKey()) && project.requestCount(ctx) == before,
                    "exit " + dry.exitCode());

            ProcResult traversal = core.ocli("upstream", "diagnostics", "echo-get", "../admin");
            JsonNode echoed = traversal.exitCode() == 0 ? ctx.json(traversal.stdout()) : null;
            ctx.check("a path arg such as ../admin is encoded and cannot change the path",
                    echoed != null && echoed.path("rawPath").asText().contains("..%2Fadmin"), echoed == null ? "exit " + traversal.exitCode() : echoed.path("rawPath").asText());

            Path audit = ctx.stateDir().resolve("instances/remote-api/audit.log");
            String auditText = Files.isRegularFile(audit) ? Files.readString(audit) : "";
            ctx.artifact("audit.log", auditText);
            long lines = auditText.lines().count();
            ctx.check("every attempt wrote one audit record (allowed and denied)",
                    lines >= 14 && auditText.contains("approval_required") && auditText.contains("\"tool_execution\""), lines + " records");
            ctx.check("no secret value appears in the audit log",
                    !auditText.contains(token) && !auditText.contains(upstream.credentials().apiKey())
                            && !auditText.contains(upstream.credentials().basicPassword()), "scanned " + lines + " records");
        }
    }

    /** Runs ocli against the daemon from the project directory. */
    record Core(LaneContext ctx, UpstreamProject project, String runtime) {
        ProcResult ocli(String... args) throws Exception {
            String[] all = new String[args.length + 2];
            all[0] = "--runtime";
            all[1] = runtime;
            System.arraycopy(args, 0, all, 2, args.length);
            return ctx.ocliIn(project.dir, java.util.Map.of(), all);
        }
    }
}
