package org.opencli.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A schema's listed values ({@code enum}) as words, bounded: {@code low, normal, high, … (3 more)}. */
public final class ValueLists {
    private ValueLists() {
    }

    /** Strings as they are, other values as JSON; at most {@code max} shown, then how many more. */
    public static String join(JsonNode values, int max) {
        List<String> shown = new ArrayList<>();
        for (JsonNode v : values) {
            if (shown.size() == max) {
                shown.add("… (" + (values.size() - max) + " more)");
                break;
            }
            shown.add(v.isTextual() ? v.asText() : v.toString());
        }
        return String.join(", ", shown);
    }
}
