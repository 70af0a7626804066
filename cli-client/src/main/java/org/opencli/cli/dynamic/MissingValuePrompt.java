package org.opencli.cli.dynamic;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.opencli.cli.CliException;
import org.opencli.cli.ConsoleIo;
import org.opencli.cli.ExitCodes;

/**
 * Asks a person at a terminal for a required path argument or flag they left out, naming it and
 * saying what it is: {@code <ticket-id> (required path argument) — The ticket's id [string]: }.
 * An empty answer asks again; end of input (Ctrl-D) is the usage error a script gets. Only used
 * when stdin and stdout are terminals: there the tree leaves these parameters optional to picocli.
 */
final class MissingValuePrompt {
    private static final int ATTEMPTS = 3;

    private MissingValuePrompt() {
    }

    /** @param label how the user names it: {@code <ticket-id>} or {@code --status} */
    static String ask(String label, String kind, JsonNode param, ConsoleIo console, PrintWriter err) {
        String question = label + " (required " + kind + ")" + explanation(param) + ": ";
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            err.print(question);
            err.flush();
            String answer = console.readLine();
            if (answer == null) {
                err.println();
                break;
            }
            if (!answer.isBlank()) return answer.strip();
        }
        throw new CliException(ExitCodes.USAGE, "missing_parameter", "Missing required " + kind,
                label + " was not given (no value was entered)");
    }

    private static String explanation(JsonNode param) {
        List<String> facts = new ArrayList<>();
        String type = param.path("schema").path("type").asText("");
        if (!type.isEmpty()) facts.add(type);
        JsonNode values = param.path("schema").path("enum");
        if (values.isArray() && !values.isEmpty()) {
            List<String> names = new ArrayList<>();
            values.forEach(v -> names.add(v.asText()));
            facts.add("one of " + String.join(", ", names));
        }
        if (FlagSchema.of(param.path("schema")).isArray()) facts.add("comma-separated");
        String description = param.path("description").asText("").strip().replaceAll("\\s+", " ");
        StringBuilder sb = new StringBuilder();
        if (!description.isEmpty()) sb.append(" — ").append(description);
        if (!facts.isEmpty()) sb.append(" [").append(String.join(", ", facts)).append(']');
        return sb.toString();
    }
}
