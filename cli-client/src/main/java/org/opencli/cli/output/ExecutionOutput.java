package org.opencli.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.options.OutputFormat;

/**
 * Prints an execution's answer and returns the exit code for the upstream status. JSON bodies go
 * through the output format (on {@code table}: arrays of objects as tables, anything else as
 * indented JSON); text is printed as is; binary is written to {@code --output FILE}, as raw bytes
 * to a pipe, and never to a terminal (a note on stderr instead).
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

    public int print(JsonNode result, Path outputFile) {
        int status = result.path("statusCode").asInt(0);
        if (result.hasNonNull("bodyBase64")) {
            binary(Base64.getDecoder().decode(result.get("bodyBase64").asText()),
                    result.path("contentType").asText("application/octet-stream"), outputFile);
        } else if (result.has("body")) {
            json(result.get("body"), outputFile);
        } else if (result.hasNonNull("text")) {
            text(result.get("text").asText(), outputFile);
        }
        return ExitCodes.forUpstreamStatus(status);
    }

    private void json(JsonNode body, Path outputFile) {
        if (outputFile != null) {
            save(outputFile, (OutputWriter.json(body) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");
        } else if (writer.format() == OutputFormat.TABLE) {
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

    private void text(String text, Path outputFile) {
        if (outputFile != null) {
            save(outputFile, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text");
            return;
        }
        out.print(text);
        if (!text.isEmpty() && !text.endsWith("\n")) out.println();
        out.flush();
    }

    private void binary(byte[] bytes, String contentType, Path outputFile) {
        if (outputFile != null) {
            save(outputFile, bytes, contentType);
        } else if (stdoutTerminal) {
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

    private void save(Path file, byte[] bytes, String contentType) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "output_unwritable", "Cannot write output", file + ": " + e.getMessage());
        }
        err.println("wrote " + bytes.length + " bytes (" + contentType + ") to " + file);
        err.flush();
    }
}
