package org.opencli.cli.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.core.error.Problem;
import org.opencli.core.json.Json;

/**
 * Reads {@code /v1/refresh}'s NDJSON answer: {@code {"event":"source","source":{…}}} per source as
 * the runtime reads it, then {@code {"event":"report","report":{…}}}, or a last {@code
 * {"event":"problem","problem":{…}}} when the refresh failed after the answer began. A runtime that
 * answers one JSON document (no {@code event} member) is read as that report.
 */
final class RefreshAnswer {
    static final String NDJSON = "application/x-ndjson";
    /** A source's line lists its documents; one past this is not shown as progress (the report still has it). */
    static final int MAX_PROGRESS_LINE = 1024 * 1024;
    /** No config has this many sources; past it, progress stops (the report still comes). */
    static final int MAX_PROGRESS_LINES = 10_000;

    private RefreshAnswer() {
    }

    /** The tap that hands each source line's {@code source} member to {@code progress} as it arrives. */
    static NdjsonLines progress(Consumer<JsonNode> progress) {
        return new NdjsonLines(line -> {
            JsonNode event;
            try {
                event = Json.MAPPER.readTree(line);
            } catch (IOException e) {
                return; // not a line of ours: the whole answer is judged at the end
            }
            if (event != null && "source".equals(event.path("event").asText()) && event.path("source").isObject()) {
                progress.accept(event.get("source"));
            }
        }, MAX_PROGRESS_LINE, MAX_PROGRESS_LINES);
    }

    /** The report in a whole answer; a problem line is thrown as that problem. */
    static JsonNode read(byte[] body) throws IOException {
        JsonNode first = Json.MAPPER.readTree(body);
        if (first == null || !first.has("event")) return first; // one JSON document: the report itself
        String text = new String(body, StandardCharsets.UTF_8).strip();
        JsonNode last = Json.MAPPER.readTree(text.substring(text.lastIndexOf('\n') + 1));
        switch (last.path("event").asText()) {
            case "report":
                return last.path("report");
            case "problem":
                Problem p = Json.MAPPER.treeToValue(last.path("problem"), Problem.class);
                throw new ProblemException(p);
            default:
                throw new CliException(ExitCodes.UNREACHABLE, "runtime_answer_unusable", "Runtime answer unusable",
                        "the runtime's refresh answer ended before its report (the connection closed early); the"
                                + " refresh may have happened: 'ocli catalog list' shows the catalog served now");
        }
    }
}
