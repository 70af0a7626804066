package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.output.VisibleText;
import org.opencli.cli.runtime.CliSessionId;
import org.opencli.cli.runtime.ConfigRuntimeChoice;
import org.opencli.cli.runtime.HttpRuntimeClient;
import org.opencli.cli.runtime.RuntimeProbe;
import org.opencli.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ocli runtime session-close}: {@code POST /v1/runtime/session-close} for this terminal's
 * session (or {@code --session ID}): the daemon drops the session's lease and the tokens it holds for
 * it. A managed daemon whose last lease ends then exits (runtime.local.shutdown when-owner-exits).
 */
@Command(name = "session-close", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  ocli runtime session-close", "  ocli runtime session-close --session ci-job-42"},
        description = "End this session with the daemon: its lease and the tokens the daemon holds for it.")
public class RuntimeSessionCloseCommand extends BaseCommand {

    @Option(names = "--session", paramLabel = "ID",
            description = "The session to close (default: this call's own, per runtime.local.sessionScope: this terminal's, "
                    + "OCLI_SESSION_ID for agents, the group's for shared-group).")
    String sessionId;

    @Override
    public Integer call() {
        if (sessionId != null && !CliSessionId.isSafe(sessionId)) {
            throw new CliException(ExitCodes.USAGE, "invalid_option", "Invalid option",
                    "--session '" + VisibleText.of(sessionId) + "' is not a session id (1..128 of A-Z a-z 0-9 . _ : -)");
        }
        RuntimeProbe probe = RuntimeProbe.of(session().resolver(), session().options());
        String id = sessionId != null ? sessionId : ownSession(probe);
        HttpRuntimeClient client = probe.daemonClient(session().resolver(), "session-close", "no session to close");
        JsonNode answer = client.closeSession(id);
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("sessionId", id);
        json.put("closed", answer.path("closed").asBoolean(false));
        json.put("activeSessions", answer.path("activeSessions").asInt(0));
        json.put("url", client.location());
        String active = json.get("activeSessions").asInt() + " active session(s) left";
        output().writeStatus(json, json.get("closed").asBoolean()
                ? "closed session " + id + " at " + client.location() + " (" + active + ")"
                : "session " + id + " had no lease at " + client.location() + " (" + active + ")");
        return 0;
    }

    /** The session this call's heartbeats use, per the config's runtime.local.sessionScope (terminal by default). */
    private static String ownSession(RuntimeProbe probe) {
        ConfigRuntimeChoice settings = ConfigRuntimeChoice.read(probe.configPath());
        return CliSessionId.forScope(settings.sessionScope(), settings.shareKey());
    }
}
