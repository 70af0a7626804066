package org.opencli.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ocli mcp serve} (a real process, embedded engine) over server-everything: an agent's
 * {@code notifications/cancelled} for a running call, or its standard input closing, cancels the call
 * down to the MCP server (which receives {@code notifications/cancelled}; its standard input is copied
 * to a file on the way in), no answer is sent for it, and its audit record says {@code caller_cancelled}.
 */
class McpServeCancellationTest {
    private static final String PROBE = "org.opencli.cli.LeanStartTest$LeanStartProbe";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONG_CALL = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"everything__trigger-long-running-operation\",\"arguments\":{\"duration\":60,\"steps\":60}}}\n";

    @TempDir
    Path dir;
    private Path received;
    private Process serve;
    private OutputStream in;
    private final List<JsonNode> answers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        String npm = System.getProperty("ocli.mcp.npm");
        Path server = npm == null ? null : Path.of(npm, "node_modules", ".bin", "mcp-server-everything");
        if (server == null || !Files.isExecutable(server)) {
            throw new AssertionError("server-everything is missing (ocli.mcp.npm=" + npm + "): run `make mcp-servers` first");
        }
        received = dir.resolve("received.jsonl");
        Path config = dir.resolve(".cli.json");
        Files.writeString(config, """
                {"cli": "1.0.0", "mode": {"default": "discover"},
                 "mcpServers": {"everything": {"command": "sh",
                   "args": ["-c", "tee -a \\"$0\\" | exec \\"$1\\" stdio", "%s", "%s"]}}}
                """.formatted(received, server));
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        serve = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), PROBE, "--state-dir",
                dir.resolve("state").toString(), "--embedded", "--config", config.toString(), "mcp", "serve")
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        in = serve.getOutputStream();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null;) answers.add(JSON.readTree(line));
            } catch (IOException ended) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        write("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"probe\",\"version\":\"1\"}}}\n");
        write("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");
        answer(1);
    }

    @AfterEach
    void stop() {
        serve.descendants().forEach(ProcessHandle::destroyForcibly);
        serve.destroyForcibly();
    }

    @Test
    void theAgentsCancellationReachesTheMcpServerAndTheCallIsRecordedAsCancelled() throws Exception {
        write(LONG_CALL.formatted(5));
        JsonNode sent = awaitReceived("tools/call", 0);
        write("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":5,\"reason\":\"user stop\"}}\n");
        JsonNode cancelled = awaitReceived("notifications/cancelled", 0);
        assertThat(cancelled.path("params").path("requestId")).isEqualTo(sent.path("id"));
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> auditTrail().contains("caller_cancelled"));

        write("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":\"everything__echo\","
                + "\"arguments\":{\"message\":\"next\"}}}\n");
        JsonNode echo = answer(6);
        assertThat(echo.path("result").path("content").get(0).path("text").asText()).isEqualTo("Echo: next");
        in.close();
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(serve.exitValue()).isZero();
        assertThat(answers).extracting(a -> a.path("id").asInt()).as("no answer for the cancelled call").containsExactly(1, 6);
        assertThat(records("caller_cancelled")).isEqualTo(1);
    }

    @Test
    void standardInputClosingCancelsTheRunningCall() throws Exception {
        write(LONG_CALL.formatted(9));
        JsonNode sent = awaitReceived("tools/call", 0);
        in.close();
        JsonNode cancelled = awaitReceived("notifications/cancelled", 0);
        assertThat(cancelled.path("params").path("requestId")).isEqualTo(sent.path("id"));
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(serve.exitValue()).isZero();
        assertThat(records("caller_cancelled")).isEqualTo(1);
    }

    private void write(String text) throws IOException {
        in.write(text.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private JsonNode answer(int id) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> answers.stream()
                .filter(a -> a.path("id").asInt() == id).findFirst().orElse(null), a -> a != null);
    }

    private JsonNode awaitReceived(String method, int index) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<JsonNode> found = received(method);
            return found.size() > index ? found.get(index) : null;
        }, m -> m != null);
    }

    private List<JsonNode> received(String method) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        if (!Files.exists(received)) return found;
        for (String line : Files.readAllLines(received)) {
            try {
                JsonNode m = JSON.readTree(line);
                if (m != null && method.equals(m.path("method").asText())) found.add(m);
            } catch (IOException partial) {
                // the last line may still be on its way
            }
        }
        return found;
    }

    private long records(String reason) throws IOException {
        return auditTrail().lines().filter(l -> l.contains("\"" + reason + "\"")).count();
    }

    private String auditTrail() throws IOException {
        if (!Files.exists(dir.resolve("state"))) return "";
        try (var files = Files.walk(dir.resolve("state"))) {
            StringBuilder all = new StringBuilder();
            for (Path log : files.filter(f -> f.getFileName().toString().equals("audit.log")).toList()) {
                all.append(Files.readString(log));
            }
            return all.toString();
        }
    }
}
