package org.opencli.cli.dynamic;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/** A JSON parse error as {@code line L, column C: message}, without Jackson's source excerpt. */
final class JsonErrors {
    private JsonErrors() {
    }

    static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String message = e.getOriginalMessage();
        int cut = message.indexOf('\n');
        if (cut > 0) message = message.substring(0, cut);
        return at == null ? message : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + message;
    }
}
