package org.opencli.core.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.json.Json;

/** Bytes of a JSON or YAML document → a Jackson tree (JSON when the first non-blank byte is '{' or '['). */
public final class RawDocuments {
    private RawDocuments() {
    }

    public static JsonNode parse(FetchedDocument doc) {
        return parse(doc.content(), doc.location());
    }

    public static JsonNode parse(byte[] bytes, String location) {
        try {
            JsonNode tree = looksLikeJson(bytes) ? Json.MAPPER.readTree(bytes) : Json.YAML.readTree(bytes);
            if (tree == null || tree.isMissingNode()) throw new IOException("empty document");
            return tree;
        } catch (IOException e) {
            throw new OcliException(ErrorKind.CONFIG, "invalid_document", "Unparseable document",
                    location + ": not valid JSON or YAML: " + e.getMessage());
        }
    }

    private static boolean looksLikeJson(byte[] bytes) {
        for (byte b : bytes) {
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') continue;
            if (b == (byte) 0xEF) continue; // UTF-8 BOM
            return b == '{' || b == '[';
        }
        return false;
    }
}
