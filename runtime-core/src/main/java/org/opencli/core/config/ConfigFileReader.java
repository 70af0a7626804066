package org.opencli.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencli.core.json.Json;

/**
 * Reads one config file as a JSON object. Syntax errors become a {@link ConfigException} naming
 * the file, line and column; duplicate keys are syntax errors too (silently keeping the last one
 * would hide mistakes).
 */
final class ConfigFileReader {
    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ConfigFileReader() {
    }

    /** The file's bytes and parsed top-level object. */
    record ReadFile(Path path, byte[] bytes, ObjectNode root) {
        String name() {
            return path.toString();
        }
    }

    static ReadFile read(Path path) {
        String file = path.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ConfigException(file, JsonPaths.ROOT, "cannot read file: " + e.getMessage(), "a readable file");
        }
        JsonNode node;
        try {
            node = READER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw syntaxError(file, e);
        } catch (IOException e) {
            throw new ConfigException(file, JsonPaths.ROOT, "cannot read file: " + e.getMessage(), "a readable file");
        }
        if (node == null || node.isMissingNode()) {
            throw new ConfigException(file, JsonPaths.ROOT, "file is empty", "a JSON object");
        }
        if (!(node instanceof ObjectNode root)) {
            throw new ConfigException(file, JsonPaths.ROOT, "top level is " + SchemaText.kindOf(node), "a JSON object");
        }
        return new ReadFile(path, bytes, root);
    }

    private static ConfigException syntaxError(String file, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        return new ConfigException(file, JsonPaths.ROOT, "invalid JSON at " + where + e.getOriginalMessage(),
                "well-formed JSON");
    }
}
