package org.opencli.cli.dynamic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.core.json.Json;

/**
 * The {@code --body} argument as the execute request carries it. {@code @file} reads a file,
 * {@code -} reads stdin, anything else is the body itself — at most {@link BoundedBody#LIMIT} bytes. For a JSON media type the bytes must be
 * JSON (checked here, with the error position) and are sent as JSON; other media types, and JSON
 * whose top level is a string, are sent as base64 bytes.
 *
 * @param body        the execute request's {@code body}
 * @param contentType the media type it is sent as
 */
record RequestBody(JsonNode body, String contentType) {

    static RequestBody of(String argument, JsonNode tool, Path cwd, InputStream stdin) {
        String mediaType = mediaType(tool);
        byte[] bytes = read(argument, cwd, stdin);
        if (!isJson(mediaType)) return new RequestBody(base64(bytes), mediaType);
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCodes.USAGE, "invalid_body", "Invalid request body",
                    "--body is not valid JSON (" + mediaType + ") at " + JsonErrors.describe(e));
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "invalid_body", "Invalid request body", e.getMessage());
        }
        if (json == null || json.isMissingNode()) {
            throw new CliException(ExitCodes.USAGE, "invalid_body", "Invalid request body", "--body is empty");
        }
        return new RequestBody(json.isTextual() ? base64(bytes) : json, mediaType);
    }

    private static byte[] read(String argument, Path cwd, InputStream stdin) {
        if (argument.equals("-")) return BoundedBody.read(stdin, "stdin");
        if (argument.startsWith("@")) return BoundedBody.readFile(cwd.resolve(argument.substring(1)), argument.substring(1));
        byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > BoundedBody.LIMIT) throw BoundedBody.tooLarge("the argument");
        return bytes;
    }

    /** The tool's first JSON media type, else its first one, else JSON. */
    static String mediaType(JsonNode tool) {
        String first = null;
        for (JsonNode content : tool.path("requestBody").path("contentTypes")) {
            String type = content.path("mediaType").asText("");
            if (type.isEmpty()) continue;
            if (isJson(type)) return type;
            if (first == null) first = type;
        }
        return first != null ? first : "application/json";
    }

    static boolean isJson(String mediaType) {
        String type = mediaType.toLowerCase(Locale.ROOT);
        int semi = type.indexOf(';');
        if (semi >= 0) type = type.substring(0, semi).strip();
        return type.equals("application/json") || type.endsWith("+json");
    }

    private static TextNode base64(byte[] bytes) {
        return TextNode.valueOf(Base64.getEncoder().encodeToString(bytes));
    }
}
