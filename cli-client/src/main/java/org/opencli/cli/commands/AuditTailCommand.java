package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.opencli.cli.audit.AuditReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ocli audit tail}: the newest records, oldest of them first, one per line (aligned columns
 * on a terminal, NDJSON otherwise); with {@code -f} it keeps following new records: from a daemon
 * over its SSE stream (reconnecting with {@code Last-Event-ID}), in embedded mode by polling the
 * local files. A {@code gap} (this reader fell behind and the runtime dropped records for it) is a
 * warning on stderr naming the seqs and how to fetch them.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  ocli --demo audit tail -n 5", "  ocli audit tail -f --event-type tool_execution"},
        description = "Print the newest audit records; with -f keep following new ones.")
public class AuditTailCommand extends AuditBase {
    @Mixin
    AuditFilterOptions filter;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", description = "How many of the newest records to print first, 0..1000 (default 10).")
    int lines = 10;

    @Option(names = {"-f", "--follow"},
            description = "Keep printing new records as they are committed (Ctrl-C stops).")
    boolean follow;

    @Option(names = "--max-events", paramLabel = "N",
            description = "With -f: exit once N events (records, the first -n ones included, or gaps) were printed; for scripts.")
    Long maxEvents;

    @Override
    public Integer call() {
        if (lines < 0 || lines > 1000) throw AuditFilterOptions.usage("-n is " + lines + "; expected 0 to 1000");
        if (maxEvents != null && maxEvents < 1) throw AuditFilterOptions.usage("--max-events is " + maxEvents + "; expected at least 1");
        AuditReader reader = reader();
        var typed = filter.filter(clock);
        var query = filter.query(clock);
        long newest = 0;
        int countPrinted = 0;
        if (lines > 0) {
            JsonNode page = reader.page(typed, query, null, lines, true);
            List<JsonNode> events = new ArrayList<>();
            page.path("events").forEach(events::add);
            Collections.reverse(events);
            countPrinted = events.size();
            for (JsonNode r : events) {
                printRecord(out(), r);
                newest = Math.max(newest, r.path("seq").asLong());
            }
        } else if (follow) {
            JsonNode page = reader.page(typed, query, null, 1, true);
            if (page.path("events").size() > 0) newest = page.path("events").get(0).path("seq").asLong();
        }
        if (!follow) return 0;
        long printed = countPrinted;
        long[] left = {maxEvents == null ? Long.MAX_VALUE : maxEvents - printed};
        if (left[0] <= 0) return 0;
        reader.follow(typed, query, newest, new AuditReader.FollowListener() {
            @Override
            public boolean record(JsonNode record) {
                printRecord(out(), record);
                return --left[0] > 0;
            }

            @Override
            public boolean gap(long fromSeq, long toSeq) {
                err().println("warning: gap: this reader fell behind and the runtime dropped the matching records seq "
                        + fromSeq + ".." + toSeq + " from the stream; fetch them with: ocli audit list --cursor "
                        + (fromSeq - 1) + " --limit " + Math.min(1000, toSeq - fromSeq + 1)
                        + " (and the same filters)");
                err().flush();
                return --left[0] > 0;
            }

            @Override
            public void reconnecting(String why, long afterSeq) {
                err().println("warning: " + why + "; reconnecting after seq " + afterSeq);
                err().flush();
            }
        });
        return 0;
    }
}
