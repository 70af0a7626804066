package org.opencli.cli.dynamic;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.opencli.cli.ConsoleIo;

/**
 * Decides the execute request's {@code approval}. {@code --approval} approves. For a tool marked
 * approval-required, a user at a terminal is asked on stderr; without a terminal nobody is asked
 * and the request goes out unapproved, so the runtime refuses it ({@code approval_required}).
 */
final class ApprovalPrompt {
    private ApprovalPrompt() {
    }

    static boolean approval(JsonNode tool, boolean flag, boolean dryRun, ConsoleIo console, PrintWriter err) {
        if (flag) return true;
        if (dryRun || !tool.path("safety").path("requiresApproval").asBoolean(false) || !console.interactive()) return false;
        err.print("Tool " + tool.path("id").asText() + " is marked approval-required (" + tool.path("method").asText()
                + " " + tool.path("path").asText() + "). Proceed? [y/N] ");
        err.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(console.in(), StandardCharsets.UTF_8)).readLine();
            String a = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
            return a.equals("y") || a.equals("yes");
        } catch (IOException e) {
            return false;
        }
    }
}
