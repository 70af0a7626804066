package org.opencli.cli.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.support.CliRunner.CliResult;

/**
 * Prompts for missing values (terminal only), {@code --output} checked before sending and given
 * the raw bytes, the status line on a terminal and {@code --include}. (Real processes, a real pty
 * and a real upstream: the fleet lane tool-call-habits.)
 */
class ToolCallHabitsTest extends ExecFixture {
    private static final String RAW = "{ \"id\" : 42,\n  \"title\": \"Printer\" }";

    @Test
    void aMissingPathArgumentIsAskedForOnATerminal() {
        CliResult r = cli.onTerminal().withStdin("42\n").run("hd", "tickets", "get-ticket");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("<ticket-id> (required path argument) [string]: ").contains("HTTP 200 OK");
        assertThat(runtime.executions().get(0).path("pathArgs").get(0).asText()).isEqualTo("42");
    }

    @Test
    void aMissingRequiredFlagIsAskedForAgainAfterAnEmptyLine() {
        CliResult r = cli.onTerminal().withStdin("\nyes\n").run("hd", "tickets", "create-ticket", "--body", "{}");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err().split("--notify \\(required flag\\)", -1)).hasSize(3);
        assertThat(runtime.executions().get(0).path("flags").path("notify").asText()).isEqualTo("yes");
    }

    @Test
    void endOfInputAtAPromptIsAUsageErrorAndNothingIsSent() {
        CliResult r = cli.onTerminal().run("hd", "tickets", "get-ticket");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("<ticket-id> was not given");
        assertThat(runtime.executions()).isEmpty();
    }

    @Test
    void withoutATerminalNothingIsAsked() {
        CliResult r = cli.withStdin("42\n").run("hd", "tickets", "get-ticket");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("missing required argument '<ticket-id>'").doesNotContain("(required path argument)");
        assertThat(runtime.executions()).isEmpty();
    }

    @Test
    void anOutputFileThatCannotBeWrittenStopsTheCallBeforeItIsSent() throws Exception {
        CliResult missingDir = ocli("hd", "tickets", "get-ticket", "42", "--output", "nowhere/ticket.json");
        assertThat(missingDir.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missingDir.err()).contains(dir.resolve("nowhere/ticket.json").toString(), "does not exist", "nothing was sent");
        Files.createDirectory(dir.resolve("answers"));
        CliResult isDir = ocli("hd", "tickets", "get-ticket", "42", "--output=answers");
        assertThat(isDir.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(isDir.err()).contains("is a directory");
        assertThat(runtime.executions()).isEmpty();
    }

    @Test
    void theOutputFileGetsTheBytesAsReceivedNotReindentedJson() throws Exception {
        runtime.answer("helpdesk:getTicket", 200, "{\"statusCode\":200,\"body\":{\"id\":42,\"title\":\"Printer\"},"
                + "\"headers\":{\"content-type\":[\"application/json\"]},\"rawBodyBase64\":\"" + base64(RAW) + "\"}");
        CliResult r = ocli("hd", "tickets", "get-ticket", "42", "--output", "ticket.json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(dir.resolve("ticket.json"))).isEqualTo(RAW);
        assertThat(r.err()).contains("wrote " + RAW.length() + " bytes (application/json)");
        assertThat(runtime.executions().get(0).path("rawResponse").asBoolean()).isTrue();
    }

    @Test
    void includePrintsTheStatusLineAndHeadersBeforeTheBody() {
        runtime.answer("helpdesk:getTicket", 200, "{\"statusCode\":404,\"body\":{\"title\":\"Not Found\"},"
                + "\"headers\":{\"content-type\":[\"application/problem+json\"],\"vary\":[\"Accept\",\"Origin\"]}}");
        CliResult r = ocli("hd", "tickets", "get-ticket", "42", "--include", "--format", "json");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.UPSTREAM_CLIENT_ERROR);
        assertThat(r.out()).startsWith("HTTP 404 Not Found\ncontent-type: application/problem+json\nvary: Accept\nvary: Origin\n\n{");
        assertThat(r.err()).doesNotContain("HTTP 404");
    }

    @Test
    void aStatusLineGoesToStderrOnATerminalOnly() {
        runtime.answer("helpdesk:purgeTickets", 200, "{\"statusCode\":204,\"text\":\"\"}");
        CliResult terminal = cli.onTerminal().run("hd", "admin", "purge-tickets", "--approval");
        assertThat(terminal.err()).isEqualTo("HTTP 204 No Content\n");
        assertThat(terminal.out()).isEmpty();
        CliResult piped = ocli("hd", "admin", "purge-tickets", "--approval");
        assertThat(piped.err()).isEmpty();
        assertThat(runtime.executions()).allSatisfy(e -> assertThat(e.has("rawResponse")).isFalse());
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
