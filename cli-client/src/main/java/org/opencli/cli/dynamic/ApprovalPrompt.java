package org.opencli.cli.dynamic;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.opencli.cli.CliException;
import org.opencli.cli.ConsoleIo;
import org.opencli.cli.ExitCodes;

/**
 * Decides the execute request's {@code approval}. {@code --approval} approves. For a tool marked
 * approval-required, a user at a terminal is asked on stderr, shown the concrete request
 * ({@code DELETE /tickets/2}); declining ends the command there, with nothing sent. Without a
 * terminal nobody is asked and the request goes out unapproved, so the runtime refuses it
 * ({@code approval_required}) and records the refusal.
 */
final class ApprovalPrompt {
    private ApprovalPrompt() {
    }

    static boolean approval(JsonNode tool, List<String> pathArgs, boolean flag, boolean dryRun, ConsoleIo console,
                            PrintWriter err) {
        if (flag) return true;
        if (dryRun || !tool.path("safety").path("requiresApproval").asBoolean(false) || !console.interactive()) return false;
        String request = ConcretePath.request(tool, pathArgs);
        err.print("Tool " + tool.path("id").asText() + " is marked approval-required (" + request + "). Proceed? [y/N] ");
        err.flush();
        String answer = console.readLine();
        String a = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
        if (a.equals("y") || a.equals("yes")) return true;
        if (answer == null) err.println();
        throw new CliException(ExitCodes.FORBIDDEN, "approval_declined", "Not approved",
                request + " was not sent (answer y to approve, or pass --approval)");
    }
}
