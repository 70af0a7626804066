package org.opencli.cli.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.opencli.cli.support.CliRunner.CliResult;
import org.opencli.core.json.Json;

/** JSON by format (tables for arrays of objects), text as is, binary never on a terminal; dry runs. */
class ExecutionOutputTest extends ExecFixture {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};

    @Test
    void jsonBodyIsPrintedAsJsonWhenPiped() throws Exception {
        runtime.answer("helpdesk:listTickets", 200, "{\"statusCode\":200,\"body\":[{\"id\":1,\"title\":\"A\"}]}");
        CliResult r = ocli("hd", "tickets", "list-tickets");
        assertThat(Json.MAPPER.readTree(r.out()).get(0).path("title").asText()).isEqualTo("A");
    }

    @Test
    void arraysOfObjectsAreTablesAndObjectsIndentedJsonOnTheTableFormat() {
        runtime.answer("helpdesk:listTickets", 200,
                "{\"statusCode\":200,\"body\":[{\"id\":1,\"title\":\"Printer\"},{\"id\":2,\"title\":\"VPN\",\"tags\":[\"net\"]}]}");
        CliResult table = ocli("hd", "tickets", "list-tickets", "--format", "table");
        assertThat(table.out().lines().toList()).containsExactly("ID  TITLE    TAGS", "1   Printer", "2   VPN      [\"net\"]");
        runtime.answer("helpdesk:getTicket", 200, "{\"statusCode\":200,\"body\":{\"id\":1,\"title\":\"Printer\"}}");
        CliResult object = ocli("hd", "tickets", "get-ticket", "1", "--format", "table");
        assertThat(object.out()).isEqualTo("{\n  \"id\": 1,\n  \"title\": \"Printer\"\n}\n");
    }

    @Test
    void textIsPrintedAsIs() {
        runtime.answer("helpdesk:getTicket", 200, "{\"statusCode\":200,\"text\":\"hello\\nworld\\n\"}");
        assertThat(ocli("hd", "tickets", "get-ticket", "1").out()).isEqualTo("hello\nworld\n");
    }

    @Test
    void binaryIsWrittenRawWhenPiped() {
        cannedBinary();
        CliResult r = ocli("hd", "files", "get-attachment", "1");
        assertThat(r.exitCode()).isZero();
        assertThat(r.raw()).isEqualTo(PNG);
    }

    @Test
    void binaryIsNotPrintedToATerminal() {
        cannedBinary();
        CliResult r = cli.onTerminal().run("hd", "files", "get-attachment", "1");
        assertThat(r.exitCode()).isZero();
        assertThat(r.raw()).isEmpty();
        assertThat(r.err()).contains("binary response (image/png, 8 bytes) not printed to the terminal", "--output FILE");
    }

    @Test
    void binaryGoesToTheOutputFile() throws Exception {
        cannedBinary();
        CliResult r = cli.onTerminal().run("hd", "files", "get-attachment", "1", "--output", "pic.png");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("pic.png"))).isEqualTo(PNG);
        assertThat(r.err()).contains("wrote 8 bytes (image/png)");
    }

    @Test
    void dryRunPrintsTheRenderedRequestAndExitsZero() throws Exception {
        CliResult text = ocli("hd", "tickets", "get-ticket", "42", "--dry-run", "--format", "table");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).isEqualTo("GET https://up.test/tickets/42\nAuthorization: ***\nAccept: application/json\n\n{\"a\":1}\n");
        assertThat(runtime.executions().get(0).path("dryRun").asBoolean()).isTrue();
        JsonNode json = Json.MAPPER.readTree(ocli("hd", "tickets", "get-ticket", "42", "--dry-run").out());
        assertThat(json.path("method").asText()).isEqualTo("GET");
        assertThat(json.path("headers").path("Authorization").asText()).isEqualTo("***");
    }

    private void cannedBinary() {
        runtime.answer("helpdesk:getAttachment", 200, "{\"statusCode\":200,\"bodyBase64\":\""
                + Base64.getEncoder().encodeToString(PNG) + "\",\"contentType\":\"image/png\"}");
        assertThat(new String(PNG, StandardCharsets.ISO_8859_1)).hasSize(8);
    }
}
