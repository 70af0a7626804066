package org.opencli.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A JSON array of objects as a table: one column per field (in first-seen order), one row per
 * element; nested values are shown as compact JSON, missing ones empty. Other JSON has no table.
 */
public final class JsonTable {
    private JsonTable() {
    }

    /** The table, or null when {@code json} is not a non-empty array of objects. */
    public static Table of(JsonNode json) {
        if (json == null || !json.isArray() || json.isEmpty()) return null;
        Set<String> columns = new LinkedHashSet<>();
        for (JsonNode element : json) {
            if (!element.isObject()) return null;
            for (Iterator<String> it = element.fieldNames(); it.hasNext();) columns.add(it.next());
        }
        if (columns.isEmpty()) return null;
        List<String> names = new ArrayList<>(columns);
        Table table = new Table(names.stream().map(n -> n.toUpperCase(java.util.Locale.ROOT)).toArray(String[]::new));
        for (JsonNode element : json) {
            String[] row = new String[names.size()];
            for (int i = 0; i < row.length; i++) row[i] = cell(element.get(names.get(i)));
            table.row(row);
        }
        return table;
    }

    private static String cell(JsonNode value) {
        if (value == null || value.isNull()) return "";
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
