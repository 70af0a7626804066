package org.opencli.core.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.opencli.core.io.BoundedFiles;
import org.opencli.core.json.ParseErrors;

/**
 * Reads one config file as a JSON object. Syntax errors become a {@link ConfigException} naming
 * the file, line and column — never the file's bytes, which may be anything a caller points a
 * config path at; duplicate keys are syntax errors too (silently keeping the last one would hide
 * mistakes). Only regular files of at most {@link #MAX_BYTES} are read, nested at most
 * {@link #MAX_DEPTH} levels.
 */
final class ConfigFileReader {
    static final long MAX_BYTES = 4L * 1024 * 1024;
    static final int MAX_DEPTH = 64;
    private static final ObjectReader READER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxDocumentLength(MAX_BYTES).build()).build()).build()
            .reader()
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
        byte[] bytes = readBytes(path);
        JsonNode node;
        try {
            node = READER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw syntaxError(file, e);
        } catch (IOException e) {
            throw new ConfigException(file, JsonPaths.ROOT, "cannot read file (" + e.getClass().getSimpleName() + ")",
                    "a readable file");
        }
        if (node == null || node.isMissingNode()) {
            throw new ConfigException(file, JsonPaths.ROOT, "file is empty", "a JSON object");
        }
        if (!(node instanceof ObjectNode root)) {
            throw new ConfigException(file, JsonPaths.ROOT, "top level is " + SchemaText.kindOf(node), "a JSON object");
        }
        return new ReadFile(path, bytes, root);
    }

    /** The file's bytes, bounded like {@link #read}; a located {@link ConfigException} when it cannot be read. */
    static byte[] readBytes(Path path) {
        String file = path.toString();
        try {
            return BoundedFiles.read(path, MAX_BYTES);
        } catch (BoundedFiles.TooLarge e) {
            throw new ConfigException(file, JsonPaths.ROOT, "file is larger than " + MAX_BYTES + " bytes",
                    "a config of at most " + MAX_BYTES + " bytes");
        } catch (BoundedFiles.NotRegularFile e) {
            throw new ConfigException(file, JsonPaths.ROOT, "not a regular file", "a regular file");
        } catch (IOException e) {
            throw new ConfigException(file, JsonPaths.ROOT, "cannot read file (" + e.getClass().getSimpleName() + ")",
                    "a readable file");
        }
    }

    /** Line, column and kind of error only: the parser's own message quotes the offending token. */
    private static ConfigException syntaxError(String file, JsonProcessingException e) {
        ParseErrors.Described d = ParseErrors.describe(e, "JSON");
        String expected = switch (d.kind()) {
            case TOO_DEEP -> "at most " + MAX_DEPTH + " levels of nesting";
            case TOO_LARGE -> "a config of at most " + MAX_BYTES + " bytes";
            case SYNTAX -> SyntaxExpectation.of(e, "well-formed JSON");
            default -> "well-formed JSON";
        };
        return new ConfigException(file, JsonPaths.ROOT, d.message(), expected);
    }
}
