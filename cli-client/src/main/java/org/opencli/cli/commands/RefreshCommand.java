package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.options.OutputFormat;
import org.opencli.cli.output.Table;
import org.opencli.cli.runtime.ResolvedRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ocli refresh}: asks the runtime (embedded, local daemon or remote) to revalidate every remote
 * document of the config's sources, or of one ({@code --source}), and rebuild the catalog. On a
 * terminal: a line per source as the runtime finishes reading it (progress), then the table and a
 * summary; otherwise (or with {@code --format json|yaml}) the
 * runtime's answer. Exit 0 when every source was read (stale copies included: they are reported),
 * {@link ExitCodes#UNREACHABLE} when a source failed with nothing cached to fall back on.
 */
@Command(name = "refresh", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  ocli refresh", "  ocli refresh --source petstore", "  ocli refresh --source=petstore --format json"},
        description = "Revalidate the sources' remote documents now and rebuild the catalog; shows each source's cache outcome.")
public class RefreshCommand extends BaseCommand {
    @Option(names = "--source", paramLabel = "ID", description = "Only this source (an id under sources in the config).")
    String source;

    @Override
    public Integer call() {
        ResolvedRuntime rt = session().runtime();
        if (rt.embedded() && rt.configPath() == null) {
            throw new CliException(ExitCodes.USAGE, "config_not_found", "No config",
                    "no .cli.json in the current directory or its parents; use --config FILE, --runtime URL or --demo");
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean table = output().format() == OutputFormat.TABLE;
        // on a terminal, each source as the runtime finishes reading it; piped, only the answer
        Consumer<JsonNode> shown = s -> {
            if (!table) return;
            out.println(progress(s));
            out.flush();
        };
        JsonNode report = rt.client().refresh(rt.target().config(), source, shown);
        if (table) out.println();
        output().write(report, () -> table(report));
        if (table) {
            out.println(summary(report));
            out.flush();
        }
        return failed(report) ? ExitCodes.UNREACHABLE : ExitCodes.OK;
    }

    /** {@code fleet: refreshed (HTTP 200), 7 documents} or {@code vets: stale_hit (unreachable), 3 documents}. */
    static String progress(JsonNode s) {
        StringBuilder line = new StringBuilder().append(s.path("id").asText()).append(": ")
                .append(s.path("cacheOutcome").asText("local"));
        String why = s.hasNonNull("reason") ? s.path("reason").asText()
                : s.hasNonNull("statusCode") ? "HTTP " + s.path("statusCode").asText() : null;
        if (why != null) line.append(" (").append(why).append(')');
        int documents = s.path("documents").size();
        if (documents > 0) line.append(", ").append(documents).append(documents == 1 ? " document" : " documents");
        return line.toString();
    }

    static Table table(JsonNode report) {
        Table table = new Table("SOURCE", "TYPE", "OUTCOME", "STATUS", "FORCED", "REASON");
        for (JsonNode s : report.path("sources")) {
            String reason = s.path("reason").asText("");
            table.row(s.path("id").asText(), s.path("type").asText(""), s.path("cacheOutcome").asText("local"),
                    s.hasNonNull("statusCode") ? s.path("statusCode").asText() : "", s.path("forced").asBoolean() ? "yes" : "no",
                    s.hasNonNull("detail") ? reason + ": " + s.path("detail").asText() : reason);
        }
        return table;
    }

    /** {@code 3 sources: 1 refreshed, 2 fresh_hit; catalog rebuilt}. */
    static String summary(JsonNode report) {
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode s : report.path("sources")) counts.merge(s.path("cacheOutcome").asText("local"), 1, Integer::sum);
        StringBuilder line = new StringBuilder().append(report.path("sources").size()).append(" source(s)");
        String sep = ": ";
        for (var e : counts.entrySet()) {
            line.append(sep).append(e.getValue()).append(' ').append(e.getKey());
            sep = ", ";
        }
        line.append(report.path("catalogRebuilt").asBoolean() ? "; catalog rebuilt"
                : "; catalog NOT rebuilt (the one served before stays)");
        return line.toString();
    }

    static boolean failed(JsonNode report) {
        if (!report.path("catalogRebuilt").asBoolean(true)) return true;
        for (JsonNode s : report.path("sources")) {
            if ("failed".equals(s.path("cacheOutcome").asText())) return true;
        }
        return false;
    }
}
