package org.opencli.cli.catalog;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;
import org.opencli.core.json.Json;

/**
 * Reads a {@code {catalog, view}} answer for building commands: everything but {@code catalog.tools}
 * and {@code catalog.effectiveViews}, which repeat the tools of every view (two thirds of a GitHub-scale
 * answer) and are skipped while parsing instead of being built into a tree nobody reads.
 */
public final class CatalogAnswerReader {
    private static final Set<String> SKIPPED = Set.of("tools", "effectiveViews");

    private CatalogAnswerReader() {
    }

    public static JsonNode forCommands(byte[] json) throws IOException {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) return Json.MAPPER.readTree(json);
            ObjectNode answer = Json.MAPPER.createObjectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("catalog") && value == JsonToken.START_OBJECT) answer.set(field, catalogPart(parser));
                else answer.set(field, Json.MAPPER.readTree(parser));
            }
            endOfObject(parser);
            return answer;
        }
    }

    private static ObjectNode catalogPart(JsonParser parser) throws IOException {
        ObjectNode catalog = Json.MAPPER.createObjectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (SKIPPED.contains(field)) parser.skipChildren();
            else catalog.set(field, Json.MAPPER.readTree(parser));
        }
        endOfObject(parser);
        return catalog;
    }

    /** A cut answer ends without closing its objects (skipping stops quietly at the end of input): an error, never a partial tree. */
    private static void endOfObject(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw new JsonParseException(parser, "the catalog answer ends before its object is closed");
        }
    }
}
