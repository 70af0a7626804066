package org.opencli.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;
import org.opencli.cli.options.OutputFormat;
import org.opencli.core.json.Json;

/**
 * Renders a command's answer in the chosen format. Commands hand over the JSON data plus, for the
 * table format, a table (or human text) built from it; without one, top-level fields are shown as
 * a two-column table.
 */
public final class OutputWriter {
    /** {@code "key": value}, two-space indent, one array element per line (like JSON.stringify(v, null, 2)). */
    private static final DefaultPrettyPrinter TWO_SPACES = new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    private static final ObjectWriter JSON = Json.MAPPER.writer(TWO_SPACES);

    private final PrintWriter out;
    private final OutputFormat format;
    private final boolean explicit;
    private final int width;

    /** @param explicit whether the user asked for {@code format} (rather than it being the default) */
    public OutputWriter(PrintWriter out, OutputFormat format, boolean explicit, int width) {
        this.out = out;
        this.format = format;
        this.explicit = explicit;
        this.width = width;
    }

    public OutputFormat format() {
        return format;
    }

    /** Structured data; {@code table} is consulted only for the table format. */
    public void write(JsonNode data, Supplier<Table> table) {
        switch (format) {
            case JSON, PRETTY -> out.println(json(data));
            case YAML -> out.print(yaml(data));
            case TABLE -> out.print(TableRenderer.render(table != null ? table.get() : fields(data), width));
        }
        out.flush();
    }

    /** Structured data whose table form is free text (explain, help-like output). */
    public void writeText(JsonNode data, Supplier<String> text) {
        if (format == OutputFormat.TABLE) {
            // the text quotes documents (a summary, a description): their terminal controls must not reach the terminal
            out.print(VisibleText.keepingLayout(text.get()));
            out.flush();
        } else {
            write(data, null);
        }
    }

    /**
     * A status report (init, config validate): the one-line text unless a structured format was
     * asked for explicitly — scripts that want data say {@code --format json}.
     */
    public void writeStatus(JsonNode data, String text) {
        if (explicit && format != OutputFormat.TABLE) {
            write(data, null);
        } else {
            out.println(text);
            out.flush();
        }
    }

    public static String json(JsonNode data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String yaml(JsonNode data) {
        try {
            return Json.YAML.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Width to fit tables into: see {@link TerminalWidth#forTables}. */
    public static int terminalWidth(boolean terminal) {
        return TerminalWidth.forTables(terminal);
    }

    private static Table fields(JsonNode data) {
        Table table = new Table("FIELD", "VALUE");
        if (data.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                table.row(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
            }
        } else {
            table.row("value", data.isValueNode() ? data.asText() : data.toString());
        }
        return table;
    }
}
