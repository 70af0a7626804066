package org.opencli.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.options.OutputFormat;

/**
 * Prints an execution's answer and returns the exit code for the upstream status. JSON bodies go
 * through the output format (on {@code table}: arrays of objects as tables, anything else as
 * indented JSON); text is printed as is; binary is written to {@code --output FILE}, as raw bytes
 * to a pipe, and never to a terminal (a note on stderr instead). {@code --output FILE} gets the
 * body's bytes as the upstream sent them. On a terminal a status line ({@code HTTP 404 Not Found})
 * goes to stderr first; {@code --include} prints it and the response headers to stdout instead.
 */
public final class ExecutionOutput {
    private final OutputWriter writer;
    private final PrintWriter out;
    private final PrintWriter err;
    private final OutputStream rawOut;
    private final boolean stdoutTerminal;

    public ExecutionOutput(OutputWriter writer, PrintWriter out, PrintWriter err, OutputStream rawOut, boolean stdoutTerminal) {
        this.writer = writer;
        this.out = out;
        this.err = err;
        this.rawOut = rawOut;
        this.stdoutTerminal = stdoutTerminal;
    }

    public int print(JsonNode result, OutputFile outputFile, boolean include) {
        int status = result.path("statusCode").asInt(0);
        if (include) {
            head(result, status);
        } else if (stdoutTerminal) {
            err.println(StatusLine.of(status));
            err.flush();
        }
        if (outputFile != null) {
            save(outputFile, bytesAsReceived(result), contentType(result));
        } else if (result.hasNonNull("bodyBase64")) {
            binary(Base64.getDecoder().decode(result.get("bodyBase64").asText()), contentType(result));
        } else if (result.has("body")) {
            json(result.get("body"));
        } else if (result.hasNonNull("text")) {
            text(result.get("text").asText());
        }
        return ExitCodes.forUpstreamStatus(status);
    }

    /** {@code --include}: the status line, one line per header value, a blank line — before the body, like curl -i. */
    private void head(JsonNode result, int status) {
        StringBuilder sb = new StringBuilder(StatusLine.of(status)).append('\n');
        for (Iterator<Map.Entry<String, JsonNode>> it = result.path("headers").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> header = it.next();
            for (JsonNode value : header.getValue()) sb.append(header.getKey()).append(": ").append(value.asText()).append('\n');
        }
        out.print(sb.append('\n'));
        out.flush();
    }

    /**
     * The body's bytes: {@code rawBodyBase64} or {@code bodyBase64} as the runtime carries them; from
     * a runtime that carries neither, the JSON or text re-encoded (the closest it can give).
     */
    private static byte[] bytesAsReceived(JsonNode result) {
        if (result.hasNonNull("rawBodyBase64")) return Base64.getDecoder().decode(result.get("rawBodyBase64").asText());
        if (result.hasNonNull("bodyBase64")) return Base64.getDecoder().decode(result.get("bodyBase64").asText());
        if (result.has("body")) return (OutputWriter.json(result.get("body")) + "\n").getBytes(StandardCharsets.UTF_8);
        return result.path("text").asText("").getBytes(StandardCharsets.UTF_8);
    }

    private static String contentType(JsonNode result) {
        JsonNode headers = result.path("headers");
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> header = it.next();
            if (header.getKey().equalsIgnoreCase("Content-Type") && header.getValue().size() > 0) {
                return header.getValue().get(0).asText();
            }
        }
        if (result.hasNonNull("contentType")) return result.get("contentType").asText();
        if (result.has("body")) return "application/json";
        return result.hasNonNull("text") ? "text" : "application/octet-stream";
    }

    private void json(JsonNode body) {
        if (writer.format() == OutputFormat.TABLE) {
            Table table = JsonTable.of(body);
            if (table != null) writer.write(body, () -> table);
            else writeIndented(body);
        } else {
            writer.write(body, null);
        }
    }

    private void writeIndented(JsonNode body) {
        out.println(OutputWriter.json(body));
        out.flush();
    }

    private void text(String text) {
        out.print(text);
        if (!text.isEmpty() && !text.endsWith("\n")) out.println();
        out.flush();
    }

    private void binary(byte[] bytes, String contentType) {
        if (stdoutTerminal) {
            err.println("note: binary response (" + contentType + ", " + bytes.length
                    + " bytes) not printed to the terminal; use --output FILE or redirect stdout");
            err.flush();
        } else {
            out.flush();
            try {
                rawOut.write(bytes);
                rawOut.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void save(OutputFile file, byte[] bytes, String contentType) {
        file.write(bytes);
        err.println("wrote " + bytes.length + " bytes (" + contentType + ") to " + file.path());
        err.flush();
    }
}
