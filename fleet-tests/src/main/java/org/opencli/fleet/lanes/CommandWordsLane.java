package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencli.fleet.CatalogJson;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * The command words people type, with bin/ocli as a process (embedded engine) over a GitHub-style
 * description of the test upstream: a tag with a space is one group word, a command repeating its
 * group answers to the short form, catalog list / search filters, explain and tool schema by words.
 */
public final class CommandWordsLane implements Lane {

    @Override
    public void run(LaneContext ctx) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(0)) {
            Path project = ctx.fixture("command-words");
            Path config = project.resolve(".cli.json");
            ObjectMapper json = new ObjectMapper();
            ObjectNode cfg = (ObjectNode) json.readTree(config.toFile());
            ((ObjectNode) cfg.path("services").path("support")).put("baseURL", upstream.apiUrl());
            Files.write(config, json.writeValueAsBytes(cfg));
            String id = ctx.json(ctx.post(upstream.apiUrl() + "/tickets", "{\"title\":\"Printer on fire\"}").body()).path("id").asText();

            ProcResult list = ocli(ctx, project, "catalog", "list", "--format", "json");
            JsonNode tools = list.exitCode() == 0 ? ctx.json(list.stdout()).path("catalog").path("tools") : null;
            ctx.check("tool ids come from the operationIds as before", tools != null && CatalogJson.toolIds(tools).equals(List.of(
                    "support:getReportText", "support:tickets/create", "support:tickets/delete", "support:tickets/get",
                    "support:tickets/list")), tools == null ? "exit " + list.exitCode() : CatalogJson.toolIds(tools).toString());
            if (tools == null) return;

            ProcResult shortForm = ocli(ctx, project, "support", "tickets", "get", id, "--format", "json");
            ctx.check("ocli support tickets get ID (the short alias of tickets-get) reads the ticket",
                    shortForm.exitCode() == 0 && shortForm.stdout().contains("Printer on fire"),
                    "exit " + shortForm.exitCode() + " " + shortForm.stderr().strip());
            ProcResult longForm = ocli(ctx, project, "support", "tickets", "tickets-get", id, "--format", "json");
            ctx.check("the full command tickets-get still works and answers the same",
                    longForm.exitCode() == 0 && longForm.stdout().equals(shortForm.stdout()), "exit " + longForm.exitCode());
            ProcResult report = ocli(ctx, project, "support", "team-reports", "get-report-text");
            ctx.check("the tag 'Team Reports' is the group word team-reports",
                    report.exitCode() == 0 && !report.stdout().isBlank(), "exit " + report.exitCode() + " " + report.stderr().strip());
            ProcResult groupHelp = ocli(ctx, project, "support", "tickets", "--help");
            ctx.check("group help lists each command with its short alias",
                    groupHelp.stdout().contains("tickets-get, get") && groupHelp.stdout().contains("tickets-create, create"),
                    "exit " + groupHelp.exitCode());

            ProcResult approval = ocli(ctx, project, "catalog", "list", "--service", "support", "--group", "tickets",
                    "--safety", "requires-approval", "--format", "json");
            ctx.check("catalog list --service --group --safety requires-approval: only the delete",
                    ids(ctx, approval).equals(List.of("support:tickets/delete")), approval.stdout().length() + " bytes, exit " + approval.exitCode());
            ProcResult readOnly = ocli(ctx, project, "catalog", "list", "--group=team-reports", "--safety=read-only", "--format=json");
            ctx.check("catalog list --group=team-reports --safety=read-only", ids(ctx, readOnly).equals(List.of("support:getReportText")),
                    "exit " + readOnly.exitCode());
            ProcResult badSafety = ocli(ctx, project, "catalog", "list", "--safety", "risky");
            ctx.check("an unknown --safety is exit 2 naming the allowed values", badSafety.exitCode() == 2
                    && badSafety.stderr().contains("read-only, destructive, requires-approval"), "exit " + badSafety.exitCode());
            ProcResult search = ocli(ctx, project, "search", "--service", "support", "ticket", "--format", "json");
            ctx.check("search --service support finds its ticket tools", search.exitCode() == 0
                    && ctx.json(search.stdout()).size() == 4, "exit " + search.exitCode());
            ProcResult otherService = ocli(ctx, project, "search", "--service", "github", "ticket");
            ctx.check("search --service naming no service is exit 3 listing the services",
                    otherService.exitCode() == 3 && otherService.stderr().contains("services: support"), "exit " + otherService.exitCode());

            ProcResult explain = ocli(ctx, project, "explain", "support", "tickets", "get", "--format", "json");
            ctx.check("explain support tickets get finds support:tickets/get", explain.exitCode() == 0
                    && "support:tickets/get".equals(ctx.json(explain.stdout()).path("id").asText()), "exit " + explain.exitCode());
            ProcResult schema = ocli(ctx, project, "tool", "schema", "support", "tickets", "tickets-create", "--format", "json");
            ctx.check("tool schema support tickets tickets-create shows the body", schema.exitCode() == 0
                    && schema.stdout().contains("\"title\""), "exit " + schema.exitCode());
            ProcResult unknownGroup = ocli(ctx, project, "explain", "support", "ticket", "get");
            ctx.check("an unknown group is exit 3 naming it and the groups", unknownGroup.exitCode() == 3
                    && unknownGroup.stderr().contains("no group 'ticket' in support; groups: team-reports, tickets"),
                    "exit " + unknownGroup.exitCode() + " " + unknownGroup.stderr().strip());
        }
    }

    private static ProcResult ocli(LaneContext ctx, Path project, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--embedded"));
        all.addAll(List.of(args));
        return ctx.ocliIn(project, Map.of(), all.toArray(String[]::new));
    }

    private static List<String> ids(LaneContext ctx, ProcResult r) throws Exception {
        return r.exitCode() == 0 ? CatalogJson.toolIds(ctx.json(r.stdout()).path("view").path("tools")) : List.of("exit " + r.exitCode());
    }
}
