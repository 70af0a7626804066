package org.opencli.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ocli mcp serve} (a real process) given what no MCP client should send: a line that is no JSON,
 * JSON that is no JSON-RPC message, a line longer than any message may be, an initialize without
 * params. It answers the messages around them and ends when its input ends.
 */
class McpServeJunkInputTest {
    private static final String PROBE = "org.opencli.cli.LeanStartTest$LeanStartProbe";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void junkLinesAreDroppedAndTheMessagesAroundThemAnswered() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process serve = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), PROBE,
                "--state-dir", dir.resolve("state").toString(), "--demo", "mcp", "serve")
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        try {
            OutputStream in = serve.getOutputStream();
            write(in, "garbage, not JSON\n");
            write(in, "[1,2]\nnull\n");
            byte[] huge = new byte[17 * 1024 * 1024];
            Arrays.fill(huge, (byte) 'x');
            in.write(huge);
            write(in, "\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"probe\",\"version\":\"1\"}}}\n");
            write(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");
            write(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\"}\n");
            write(in, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}\n");
            List<JsonNode> answers = new ArrayList<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            // the answers arrive before input ends (a client keeps its end open while it waits); a hang fails the test's timeout
            for (String line; answers.size() < 3 && (line = out.readLine()) != null;) answers.add(JSON.readTree(line));
            in.close();
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("ocli mcp serve ends when its input ends").isTrue();
            assertThat(answers).extracting(a -> a.path("id").asInt()).containsExactly(1, 2, 3);
            assertThat(answers.get(0).path("result").path("serverInfo").path("name").asText()).isEqualTo("ocli");
            // answered here, not by the SDK's session (which answered with its NullPointerException's text)
            assertThat(answers.get(1).path("error").path("code").asInt()).as(answers.get(1).toString()).isEqualTo(-32602);
            assertThat(answers.get(1).path("error").path("message").asText()).contains("initialize needs params");
            assertThat(answers.get(2).path("result").path("tools").size()).isPositive();
            String stderr = Files.readString(dir.resolve("stderr.txt"));
            assertThat(stderr).contains("ignored line 1 of standard input").doesNotContain("garbage, not JSON").doesNotContain("xxxxxxxx");
        } finally {
            serve.destroyForcibly();
        }
    }

    private static void write(OutputStream in, String text) throws java.io.IOException {
        in.write(text.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }
}
