package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;
import org.opencli.core.json.Json;

/**
 * {@code ocli init --type mcp} in the forms docs/cli.md shows ({@code --opt value} and
 * {@code --opt=value}) against the real {@code server-everything} from {@code make mcp-servers}:
 * the written file, that {@code ocli config validate} accepts it, and the refusals.
 */
class McpInitCommandTest {
    @TempDir
    Path dir;

    CliRunner cli() {
        return new CliRunner(Map.of(), dir);
    }

    /** A program {@code make mcp-servers} installs; the test fails (never skips) without it. */
    static Path npmBin(String name) {
        String root = System.getProperty("ocli.mcp.npm");
        Path bin = root == null ? null : Path.of(root, "node_modules", ".bin", name);
        if (bin == null || !Files.isExecutable(bin)) {
            fail(name + " not found under " + root + "/node_modules/.bin: run `make mcp-servers` (system property ocli.mcp.npm)");
        }
        return bin;
    }

    @Test
    void stdioServerWithSpacedOptions() throws Exception {
        Path everything = npmBin("mcp-server-everything");
        Path out = dir.resolve("proj/.cli.json");
        CliResult r = cli().run("init", "--type", "mcp", "--transport", "stdio", "--command", everything.toString(), "--args", "stdio",
                "--env", "LOG_LEVEL=warn", "--output", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("wrote " + out + " (MCP server 'mcp-server-everything' over stdio, 13 tools; try: ocli mcp-server-everything --help)\n");
        assertThat(Json.MAPPER.readTree(out.toFile())).isEqualTo(Json.MAPPER.readTree("""
                {"cli": "1.0.0", "mode": {"default": "discover"},
                 "sources": {"mcp-server-everything": {"type": "mcp", "transport": {"type": "stdio",
                   "command": "%s", "args": ["stdio"], "env": {"LOG_LEVEL": "warn"}}}},
                 "services": {"mcp-server-everything": {"source": "mcp-server-everything", "alias": "mcp-server-everything"}}}
                """.formatted(everything)));
        CliResult valid = cli().run("--config", out.toString(), "config", "validate");
        assertThat(valid.exitCode()).as(valid.err()).isZero();
        assertThat(valid.out()).contains("valid: " + out);
    }

    @Test
    void streamableHttpServerWithEqualsOptions() throws Exception {
        Path everything = npmBin("mcp-server-everything");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(everything.toString(), "streamableHttp").redirectErrorStream(true);
        pb.environment().put("PORT", Integer.toString(port));
        Process server = pb.start();
        try {
            awaitLine(server, "listening on port " + port);
            String url = "http://127.0.0.1:" + port + "/mcp";
            Path out = dir.resolve(".cli.json");
            CliResult r = cli().run("init", "--type=mcp", "--transport=streamable-http", "--url=" + url, "--name=everything",
                    "--header=X-Team=blue", "--output=" + out, "--format=json");
            assertThat(r.exitCode()).as(r.err()).isZero();
            JsonNode report = Json.MAPPER.readTree(r.out());
            assertThat(report.path("serviceId").asText()).isEqualTo("everything");
            assertThat(report.path("transport").asText()).isEqualTo("streamable-http");
            assertThat(report.path("source").asText()).isEqualTo(url);
            assertThat(report.path("tools").asInt()).isEqualTo(13);
            assertThat(Json.MAPPER.readTree(out.toFile()).path("sources")).isEqualTo(Json.MAPPER.readTree("""
                    {"everything": {"type": "mcp", "transport": {"type": "streamable-http", "url": "%s",
                      "headers": {"X-Team": "blue"}}}}
                    """.formatted(url)));
            assertThat(cli().run("--config=" + out, "config", "validate").exitCode()).isZero();
        } finally {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aServerThatCannotBeReachedIsNamedAndNothingIsWritten() throws Exception {
        Path out = dir.resolve(".cli.json");
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        CliResult r = cli().run("init", "--type", "mcp", "--transport", "streamable-http", "--url", "http://127.0.0.1:" + closed + "/mcp",
                "--name", "gone", "--output", out.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err()).contains("sources.gone");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void headerSecretsAreWrittenAndNamedWithTheLineThatAddsThem() throws Exception {
        Path out = dir.resolve(".cli.json");
        CliResult r = cli().run("init", "--type", "mcp", "--transport", "sse", "--url", "https://mcp.example.com/sse",
                "--header-secret", "Authorization=example.token", "--output", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                wrote %s (MCP server 'example' over sse, not contacted: its headers need secrets; try: ocli example --help)
                secrets its headers need (add them, then set the variables):
                  example.token (header Authorization):
                    ocli config add-secret example.token --type env --value EXAMPLE_TOKEN
                """.formatted(out));
        JsonNode transport = Json.MAPPER.readTree(out.toFile()).path("sources").path("example").path("transport");
        assertThat(transport.toString()).isEqualTo(
                "{\"type\":\"sse\",\"url\":\"https://mcp.example.com/sse\",\"headerSecrets\":{\"Authorization\":\"example.token\"}}");
        assertThat(cli().run("--config", out.toString(), "config", "validate").exitCode()).isZero();
    }

    @Test
    void optionsThatDoNotFitTheTransportAreRefusedAndNothingIsWritten() {
        Path out = dir.resolve(".cli.json");
        String o = "--output=" + out;
        assertRefused(cli().run("init", "--type", "mcp", o), "--type mcp needs --transport stdio|streamable-http|sse");
        assertRefused(cli().run("init", "--type=mcp", "--transport=websocket", o), "--transport websocket is not one of stdio, streamable-http, sse");
        assertRefused(cli().run("init", "--type=mcp", "--transport=stdio", o), "--transport stdio needs --command");
        assertRefused(cli().run("init", "--type=mcp", "--transport=sse", o), "--transport sse needs --url");
        assertRefused(cli().run("init", "--type=mcp", "--transport=sse", "--url=ftp://x/sse", o), "--url ftp://x/sse is not an http(s) URL");
        assertRefused(cli().run("init", "--type=mcp", "--transport=stdio", "--command=x", "--url=http://h/mcp", o),
                "--url does not apply to --transport stdio");
        assertRefused(cli().run("init", "--type=mcp", "--transport=streamable-http", "--url=http://h/mcp", "--args=a", o),
                "--args does not apply to --transport streamable-http");
        assertRefused(cli().run("init", "--type=mcp", "--transport=stdio", "--command=x", "--name=bad name", o), "--name 'bad name'");
        assertRefused(cli().run("init", "--type=mcp", "api.yaml", "--transport=stdio", "--command=x", o), "--type mcp takes no document");
        assertRefused(cli().run("init", "api.yaml", "--transport=stdio", o), "apply to --type mcp only");
        assertRefused(cli().run("init", "--type=grpc", o), "--type grpc is not one of openapi, mcp");
        assertRefused(cli().run("init", o), "missing the OPENAPI document");
    }

    private void assertRefused(CliResult r, String detail) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(detail);
        assertThat(Files.exists(dir.resolve(".cli.json"))).isFalse();
    }

    private static void awaitLine(Process process, String text) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.contains(text)) return;
            if (System.nanoTime() > deadline) break;
        }
        fail("server-everything did not print '" + text + "' (exit " + (process.isAlive() ? "none yet" : process.exitValue()) + ")");
    }
}
