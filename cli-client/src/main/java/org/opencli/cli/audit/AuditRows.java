package org.opencli.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.opencli.cli.output.Table;
import org.opencli.cli.output.VisibleText;

/** How audit records look in the table format: one row (or one streamed line) per record. */
public final class AuditRows {
    private static final String[] HEADERS = {"SEQ", "TIME", "EVENT", "DECISION", "REASON", "TOOL", "STATUS",
            "PRINCIPAL", "REQUEST ID"};

    private AuditRows() {
    }

    public static Table table(Iterable<JsonNode> records) {
        Table table = new Table(HEADERS);
        for (JsonNode r : records) table.row((Object[]) cells(r));
        return table;
    }

    /** One record as a single line for streaming ({@code tail -f}): the table's cells, padded. */
    public static String line(JsonNode r) {
        String[] c = cells(r);
        return String.format("%-6s %-30s %-18s %-8s %-20s %-28s %-4s %-16s %s", (Object[]) c).stripTrailing();
    }

    private static String[] cells(JsonNode r) {
        return new String[] {text(r, "seq"), text(r, "timestamp"), text(r, "eventType"), text(r, "decision"),
                text(r, "reasonCode"), text(r, "toolId"), text(r, "statusCode"), text(r, "principal"),
                text(r, "requestId")};
    }

    /** A record's field as shown: callers and tokens wrote some of them, so control characters come out as {@code ?}. */
    private static String text(JsonNode r, String field) {
        JsonNode v = r.path(field);
        return v.isMissingNode() || v.isNull() ? "" : VisibleText.of(v.asText());
    }
}
