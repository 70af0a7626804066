package org.opencli.cli.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
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

    @Test
    void anEndlessBodyFileIsRefusedAtTheRuntimesLimitAndNothingIsSent() {
        long started = System.nanoTime();
        CliResult r = ocli("hd", "tickets", "create-ticket", "--notify", "no", "--body", "@/dev/zero");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--body: /dev/zero is larger than 10 MiB (10485760 bytes), the runtime's request limit");
        assertThat(runtime.executions()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        CliResult random = ocli("hd", "files", "put-attachment", "7", "--body=@/dev/urandom");
        assertThat(random.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(random.err()).contains("/dev/urandom is larger than 10 MiB");
        assertThat(runtime.executions()).isEmpty();
    }

    @Test
    void stdinLongerThanTheLimitIsRefused() {
        String big = "\"" + "x".repeat(10 * 1024 * 1024) + "\"";
        CliResult r = cli.withStdin(big).run("hd", "tickets", "create-ticket", "--notify", "no", "--body", "-");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--body: stdin is larger than 10 MiB");
        assertThat(runtime.executions()).isEmpty();
    }

    @Test
    void aBodyFileOfExactlyTheLimitIsRead() throws Exception {
        byte[] bytes = new byte[10 * 1024 * 1024];
        Arrays.fill(bytes, (byte) 'a');
        Files.write(dir.resolve("limit.txt"), bytes);
        CliResult r = ocli("hd", "files", "put-attachment", "7", "--body", "@limit.txt");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Base64.getDecoder().decode(runtime.executions().get(0).path("body").asText())).hasSize(bytes.length);
    }

    @Test
    void aDirectoryOrFifoNamedByAtIsRefusedWithoutBlocking() throws Exception {
        Files.createDirectory(dir.resolve("bodies"));
        CliResult directory = ocli("hd", "tickets", "create-ticket", "--notify", "no", "--body", "@bodies");
        assertThat(directory.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(directory.err()).contains("--body @bodies: it is a directory");
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("pipe").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        CliResult fifo = ocli("hd", "tickets", "create-ticket", "--notify", "no", "--body=@pipe");
        assertThat(fifo.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(fifo.err()).contains("--body @pipe: it is a named pipe (FIFO), not a regular file");
        assertThat(runtime.executions()).isEmpty();
    }

    @Test
    void nestingBeyondTheParsersDepthIsSaidInOurWords() {
        String deep = "[".repeat(2000) + "]".repeat(2000);
        CliResult r = ocli("hd", "tickets", "create-ticket", "--notify", "no", "--body", deep);
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--body is not valid JSON", "nesting deeper than 1000 levels")
                .doesNotContain("StreamReadConstraints", "Exception", "maximum allowed");
        assertThat(runtime.executions()).isEmpty();
    }
}
