package org.opencli.core.catalog.overlay;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the nodes a JSONPath expression selects in a Jackson tree, as normalized paths
 * ({@code $['paths']['/x'][0]}) split into segments, so callers can reach each node's parent.
 */
final class JsonPathLocator {
    /** Far beyond any real overlay target; keeps the compiler's recursion shallow. */
    static final int MAX_EXPRESSION_LENGTH = 2048;
    private static final Configuration PATHS = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .options(Option.AS_PATH_LIST, Option.SUPPRESS_EXCEPTIONS, Option.ALWAYS_RETURN_LIST)
            .build();

    /** A segment is a String (object field) or an Integer (array index). */
    static List<List<Object>> locate(JsonNode root, String expression) {
        JsonPath compiled = JsonPath.compile(expression);
        // With the Jackson provider the path list comes back as an ArrayNode of strings.
        JsonNode paths = compiled.read(root, PATHS);
        List<List<Object>> out = new ArrayList<>();
        if (paths == null) return out;
        for (JsonNode p : paths) out.add(segments(p.asText()));
        return out;
    }

    static List<Object> segments(String normalized) {
        List<Object> out = new ArrayList<>();
        int i = 1; // skip '$'
        while (i < normalized.length()) {
            if (normalized.charAt(i) != '[') throw new IllegalArgumentException("unexpected path " + normalized);
            if (normalized.charAt(i + 1) == '\'') {
                StringBuilder key = new StringBuilder();
                int j = i + 2;
                while (normalized.charAt(j) != '\'') {
                    if (normalized.charAt(j) == '\\') j++;
                    key.append(normalized.charAt(j++));
                }
                out.add(key.toString());
                i = j + 2;
            } else {
                int end = normalized.indexOf(']', i);
                out.add(Integer.parseInt(normalized.substring(i + 1, end)));
                i = end + 1;
            }
        }
        return out;
    }
}
