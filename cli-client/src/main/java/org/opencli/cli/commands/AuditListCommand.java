package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.opencli.cli.audit.AuditRows;
import org.opencli.cli.options.OutputFormat;
import org.opencli.core.audit.AuditQueryParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ocli audit list}: one page of audit records. JSON prints the runtime's {@code {events,
 * nextCursor}} answer; the table ends with the {@code --cursor} that fetches the next page.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  ocli --demo audit list --limit 20", "  ocli audit list --tool helpdesk:deleteTicket --decision deny --format json"},
        description = "List audit records, filtered and paged (table on a terminal, JSON when piped).")
public class AuditListCommand extends AuditBase {
    @Mixin
    AuditFilterOptions filter;

    @Option(names = "--limit", paramLabel = "N", description = "Records per page, 1..1000 (default 100).")
    Integer limit;

    @Option(names = "--cursor", paramLabel = "CURSOR", description = "The next cursor printed by the previous page.")
    String cursor;

    @Option(names = "--order", paramLabel = "ORDER", description = "asc (oldest first, the default) or desc.")
    String order;

    @Override
    public Integer call() {
        AuditQueryParser rules = AuditFilterOptions.parser(clock);
        Integer perPage = AuditFilterOptions.checked(() -> rules.limit(limit == null ? null : limit.toString()));
        boolean descending = AuditFilterOptions.checked(() -> rules.descending(order));
        Long from = AuditFilterOptions.checked(() -> rules.cursor(cursor));
        JsonNode page = reader().page(filter.filter(clock), filter.query(clock), from, perPage, descending);
        List<JsonNode> events = new ArrayList<>();
        page.path("events").forEach(events::add);
        String next = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        output().write(page, () -> AuditRows.table(events));
        if (output().format() == OutputFormat.TABLE) {
            out().println(next == null ? "(" + events.size() + " records, last page)"
                    : "(" + events.size() + " records) next page: --cursor " + next);
            out().flush();
        }
        return 0;
    }
}
