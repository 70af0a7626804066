package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.opencli.fleet.Daemon;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.upstream.TestUpstream;

/** Walking a cursor-paginated list page by page with the CLI, nothing lost or repeated. */
public final class RemoteApiPaginationLane implements Lane {
    private static final int TICKETS = 7;

    @Override
    public void run(LaneContext ctx) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamProject project = UpstreamProject.create(ctx, upstream, config -> {});
            for (int i = 0; i < TICKETS; i++) ctx.post(upstream.apiUrl() + "/tickets", "{\"title\":\"ticket " + i + "\"}");
            Daemon daemon = ctx.startDaemon("pagination", project.env(), "--config", project.config.toString());
            RemoteApiCoreLane.Core cli = new RemoteApiCoreLane.Core(ctx, project, daemon.url());

            List<String> titles = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            boolean allOk = true;
            do {
                ProcResult page = cursor == null
                        ? cli.ocli("upstream", "tickets", "list-tickets", "--limit", "3", "--format", "json")
                        : cli.ocli("upstream", "tickets", "list-tickets", "--limit", "3", "--cursor", cursor, "--format", "json");
                if (page.exitCode() != 0) {
                    allOk = false;
                    break;
                }
                JsonNode body = ctx.json(page.stdout());
                body.path("items").forEach(item -> titles.add(item.path("title").asText()));
                cursor = body.hasNonNull("nextCursor") ? body.path("nextCursor").asText() : null;
                pages++;
            } while (cursor != null && pages < 10);
            ctx.check("every page answered with exit 0", allOk, pages + " pages");
            ctx.check("3 pages of at most 3 items", pages == 3, pages + " pages");
            ctx.check("every ticket exactly once, in order", titles.equals(List.of("ticket 0", "ticket 1", "ticket 2",
                    "ticket 3", "ticket 4", "ticket 5", "ticket 6")), titles.toString());
            JsonNode listTool = null;
            for (JsonNode tool : ctx.json(cli.ocli("catalog", "list", "--format", "json").stdout()).path("catalog").path("tools")) {
                if ("upstream:listTickets".equals(tool.path("id").asText())) listTool = tool;
            }
            ctx.check("the catalog carries the x-cli-pagination hint for the list tool",
                    listTool != null && listTool.has("pagination"), listTool == null ? "tool missing" : listTool.path("pagination").toString());
        }
    }
}
