package org.opencli.cli.dynamic;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import org.opencli.core.json.Json;
import org.opencli.core.json.ParseErrors;

/**
 * A JSON parse error as {@code line L, column C: message}, without Jackson's source excerpt. A
 * parser limit is said in our words, never in Jackson's (its message names its own classes).
 */
final class JsonErrors {
    private JsonErrors() {
    }

    static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String message = e instanceof StreamConstraintsException ? limit(e) : firstLine(e.getOriginalMessage());
        return at == null ? message : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + message;
    }

    private static String limit(JsonProcessingException e) {
        return switch (ParseErrors.describe(e, "JSON").kind()) {
            case TOO_DEEP -> "nesting deeper than "
                    + Json.MAPPER.getFactory().streamReadConstraints().getMaxNestingDepth() + " levels";
            case TOO_LARGE -> "a document larger than the parser allows";
            default -> "a value longer than the parser allows";
        };
    }

    private static String firstLine(String message) {
        int cut = message.indexOf('\n');
        return cut > 0 ? message.substring(0, cut) : message;
    }
}
