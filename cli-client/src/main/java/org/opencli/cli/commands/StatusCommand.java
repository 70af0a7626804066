package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Collectors;
import org.opencli.cli.output.Table;
import org.opencli.cli.status.StatusCollector;
import org.opencli.cli.status.StatusReport;
import org.opencli.core.json.Json;
import picocli.CommandLine.Command;

/**
 * {@code ocli status}: which runtime a call uses and why, instance, config files, sources, tools,
 * sign-in, audit trail and health. Starts nothing and builds nothing; a runtime that does not answer
 * is reported (exit 0), not failed on.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  ocli status", "  ocli status --format json"},
        description = "Show which runtime this CLI uses and why, its config, tools, sign-in, audit trail and health.")
public class StatusCommand extends BaseCommand {

    @Override
    public Integer call() {
        StatusReport report = new StatusCollector(session().resolver(), session().options()).collect();
        output().write(Json.MAPPER.valueToTree(report), () -> table(report));
        return 0;
    }

    static Table table(StatusReport r) {
        Table table = new Table("FIELD", "VALUE");
        table.row("runtime", runtime(r.runtime()));
        table.row("chosen because", r.runtime().reason());
        if (r.runtime().lifecycle() != null) table.row("lifecycle", lifecycle(r.runtime().lifecycle()));
        table.row("instance", r.instanceId() + " (state " + r.stateDir() + ")");
        table.row("config", r.config().problem() != null ? r.config().problem() : String.join(", ", r.config().files()));
        table.row("sources", r.sources().isEmpty() ? "none" : r.sources().entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
        table.row("tools", r.tools().count() == null ? "unknown: no catalog received yet (run 'ocli catalog list')"
                : r.tools().count() + " in view " + r.tools().view() + (r.tools().from().equals("daemon")
                        ? " (the daemon's answer)" : " (kept copy of the last catalog answer)"));
        table.row("auth", auth(r.auth()));
        table.row("audit", r.audit().path() == null ? r.audit().where() : r.audit().path() + " (" + r.audit().where() + ")");
        table.row("health", r.health().state() + ": " + r.health().detail());
        return table;
    }

    private static String runtime(StatusReport.Runtime rt) {
        return switch (rt.kind()) {
            case "embedded" -> "embedded (in-process engine)";
            case "local-daemon" -> rt.url() == null ? "local daemon (none running)"
                    : "local daemon" + (rt.pid() == null ? "" : " pid " + rt.pid()) + " at " + rt.url();
            default -> "remote runtime at " + rt.url();
        };
    }

    private static String lifecycle(JsonNode lifecycle) {
        StringBuilder text = new StringBuilder();
        lifecycle.fields().forEachRemaining(f -> text.append(text.length() == 0 ? "" : ", ")
                .append(f.getKey()).append(' ').append(f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
        return text.toString();
    }

    private static String auth(StatusReport.Auth auth) {
        StringBuilder text = new StringBuilder(auth.state());
        if (auth.principal() != null) text.append(" as ").append(auth.principal());
        if (auth.expiresAt() != null) text.append(", expires ").append(auth.expiresAt());
        if (auth.credentialSource() != null) text.append(" (").append(auth.credentialSource()).append(')');
        return text.toString();
    }
}
