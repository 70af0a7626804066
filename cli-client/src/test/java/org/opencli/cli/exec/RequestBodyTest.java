package org.opencli.cli.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.support.CliRunner.CliResult;

/** {@code --body JSON|@FILE|-}: JSON media types are checked and sent as JSON, others as base64 bytes. */
class RequestBodyTest extends ExecFixture {

    @Test
    void inlineJsonIsSentAsJson() {
        CliResult r = ocli("hd", "tickets", "create-ticket", "--notify", "yes", "--body", "{\"title\":\"Printer\"}");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode sent = runtime.executions().get(0);
        assertThat(sent.path("body").path("title").asText()).isEqualTo("Printer");
        assertThat(sent.path("bodyContentType").asText()).isEqualTo("application/json");
        assertThat(sent.path("flags").path("notify").asText()).isEqualTo("yes");
    }

    @Test
    void bodyFromFileRelativeToTheWorkingDirectory() throws Exception {
        Files.writeString(dir.resolve("ticket.json"), "{\"title\":\"From file\"}");
        CliResult r = ocli("hd", "tickets", "create-ticket", "--notify", "no", "--body", "@ticket.json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(runtime.executions().get(0).path("body").path("title").asText()).isEqualTo("From file");
    }

    @Test
    void bodyFromStdin() {
        CliResult r = cli.withStdin("{\"title\":\"From stdin\"}").run("hd", "tickets", "create-ticket", "--notify", "no", "--body", "-");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(runtime.executions().get(0).path("body").path("title").asText()).isEqualTo("From stdin");
    }

    @Test
    void invalidJsonIsAUsageErrorWithItsPositionAndNothingIsSent() {
        CliResult r = ocli("hd", "tickets", "create-ticket", "--notify", "no", "--body", "{\"title\":\n  oops}");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--body is not valid JSON", "line 2, column 3");
        assertThat(runtime.executions()).isEmpty();
    }

    @Test
    void missingBodyFileIsAUsageError() {
        CliResult r = ocli("hd", "tickets", "create-ticket", "--notify", "no", "--body", "@absent.json");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("no such file: absent.json");
        assertThat(runtime.executions()).isEmpty();
    }

    @Test
    void nonJsonMediaTypeIsSentAsBase64Bytes() {
        CliResult r = ocli("hd", "files", "put-attachment", "7", "--body", "plain {not json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode sent = runtime.executions().get(0);
        assertThat(new String(Base64.getDecoder().decode(sent.path("body").asText()), StandardCharsets.UTF_8))
                .isEqualTo("plain {not json");
        assertThat(sent.path("bodyContentType").asText()).isEqualTo("text/plain");
        assertThat(sent.path("pathArgs").get(0).asText()).isEqualTo("7");
    }
}
