package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.opencli.fleet.CatalogJson;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;

/** ocli with the engine in-process: the catalog surface a user sees, from a project directory. */
public final class CatalogEmbeddedLane implements Lane {

    @Override
    public void run(LaneContext ctx) throws Exception {
        Path project = ctx.fixture("tickets");
        String config = project.resolve(".cli.json").toString();

        ProcResult help = ctx.ocli("--help");
        ctx.check("ocli --help works with no config and no runtime", help.exitCode() == 0 && help.stdout().contains("catalog"), "exit " + help.exitCode());
        ProcResult version = ctx.ocli("--version");
        ctx.check("ocli --version works", version.exitCode() == 0 && !version.stdout().isBlank(), version.stdout().strip());

        ProcResult list = ctx.ocli("--embedded", "--config", config, "catalog", "list", "--format", "json");
        ctx.artifact("catalog-embedded.json", list.stdout());
        JsonNode response = list.exitCode() == 0 ? ctx.json(list.stdout()) : null;
        ctx.check("catalog list exits 0 with JSON", response != null, "exit " + list.exitCode());
        if (response == null) return;
        List<String> all = CatalogJson.toolIds(response.path("catalog").path("tools"));
        ctx.check("x-cli-ignore'd operation is not a tool; the other five are",
                all.equals(List.of("helpdesk:createTicket", "helpdesk:deleteTicket", "helpdesk:getTicket",
                        "helpdesk:listComments", "helpdesk:listTickets")), all.toString());
        ctx.check("mode.default discover selects the discover view", "discover".equals(response.path("view").path("name").asText()),
                response.path("view").path("name").asText());
        JsonNode listTickets = find(response.path("catalog").path("tools"), "helpdesk:listTickets");
        ctx.check("overlay renamed the pageSize flag to limit",
                listTickets.toString().contains("\"name\":\"limit\"") && listTickets.toString().contains("\"originalName\":\"pageSize\""),
                listTickets.path("flags").toString());
        JsonNode delete = find(response.path("catalog").path("tools"), "helpdesk:deleteTicket");
        ctx.check("overlay made deleteTicket approval-required and DELETE is destructive",
                delete.path("safety").path("requiresApproval").asBoolean() && delete.path("safety").path("destructive").asBoolean(),
                delete.path("safety").toString());
        ctx.check("workflow bound by operationId and operationPath",
                response.path("catalog").path("workflows").toString().contains("helpdesk:listComments"),
                response.path("catalog").path("workflows").toString());

        ProcResult curated = ctx.ocli("--embedded", "--config", config, "--agent-profile", "reader", "catalog", "list", "--format", "json");
        JsonNode curatedView = curated.exitCode() == 0 ? ctx.json(curated.stdout()).path("view") : null;
        ctx.check("agent profile reader sees only its allow list",
                curatedView != null && CatalogJson.toolIds(curatedView.path("tools"))
                        .equals(List.of("helpdesk:getTicket", "helpdesk:listComments", "helpdesk:listTickets")),
                curatedView == null ? "exit " + curated.exitCode() : curatedView.path("tools").size() + " tools");

        ProcResult search = ctx.ocli("--embedded", "--config", config, "search", "comment", "--format", "json");
        ctx.check("search finds tools by summary text", search.exitCode() == 0 && search.stdout().contains("helpdesk:listComments")
                && !search.stdout().contains("helpdesk:createTicket"), "exit " + search.exitCode());

        ProcResult explain = ctx.ocli("--embedded", "--config", config, "explain", "helpdesk:createTicket");
        ctx.check("explain shows the skill guidance", explain.exitCode() == 0 && explain.stdout().contains("A customer reports a new problem"),
                "exit " + explain.exitCode());

        ProcResult schema = ctx.ocli("--embedded", "--config", config, "tool", "schema", "helpdesk:createTicket", "--format", "json");
        ctx.check("tool schema carries the request body schema", schema.exitCode() == 0 && schema.stdout().contains("\"title\""),
                "exit " + schema.exitCode());

        ProcResult groupHelp = ctx.ocliIn(project, Map.of(), "--embedded", "helpdesk", "tickets", "--help");
        ctx.check("dynamic group help lists its commands (config found in the current directory)",
                groupHelp.exitCode() == 0 && groupHelp.stdout().contains("get-ticket") && groupHelp.stdout().contains("create-ticket"),
                "exit " + groupHelp.exitCode());
        Path nested = Files.createDirectories(project.resolve("sub/dir"));
        ProcResult commandHelp = ctx.ocliIn(nested, Map.of(), "--embedded", "helpdesk", "comments", "list-comments", "--help");
        ctx.check("dynamic command help shows the positional path param and header flag (config found in a parent)",
                commandHelp.exitCode() == 0 && commandHelp.stdout().contains("ticketId")
                        && commandHelp.stdout().contains("--x-request-source"), "exit " + commandHelp.exitCode());

        ProcResult unknownTool = ctx.ocli("--embedded", "--config", config, "explain", "helpdesk:nope");
        ctx.check("unknown tool is a clear error with a non-zero exit", unknownTool.exitCode() != 0
                && unknownTool.stderr().contains("helpdesk:nope"), "exit " + unknownTool.exitCode());

        Path bad = project.resolve("bad.cli.json");
        Files.writeString(bad, "{\"cli\":\"1.0.0\",\"mode\":{\"default\":\"discover\"},\"sources\":{\"a\":{\"type\":\"openapi\",\"uri\":\"x.yaml\",\"colour\":1}}}");
        ProcResult invalid = ctx.ocli("config", "validate", "--config", bad.toString());
        ctx.check("config validate: exit 2 naming the file and JSON path of an unknown key",
                invalid.exitCode() == 2 && invalid.stderr().contains("bad.cli.json") && invalid.stderr().contains("$.sources.a"),
                "exit " + invalid.exitCode());
        ProcResult valid = ctx.ocli("config", "validate", "--config", config);
        ctx.check("config validate: exit 0 for the valid config", valid.exitCode() == 0, "exit " + valid.exitCode());
    }

    static JsonNode find(JsonNode tools, String id) {
        for (JsonNode t : tools) if (id.equals(t.path("id").asText())) return t;
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
