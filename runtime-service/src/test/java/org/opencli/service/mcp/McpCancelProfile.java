package org.opencli.service.mcp;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A daemon whose config is server-everything over stdio, its standard input copied to
 * {@link #RECEIVED} on the way in ({@code tee}), so a test sees every message the server received.
 */
public class McpCancelProfile implements QuarkusTestProfile {
    static final Path DIR = tempDir();
    static final Path CONFIG = DIR.resolve(".cli.json");
    static final Path RECEIVED = DIR.resolve("received.jsonl");

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("oclird-mcp-cancel");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        String npm = System.getProperty("ocli.mcp.npm");
        Path server = npm == null ? null : Path.of(npm, "node_modules", ".bin", "mcp-server-everything");
        if (server == null || !Files.isExecutable(server)) {
            throw new AssertionError("server-everything is missing (ocli.mcp.npm=" + npm + "): run `make mcp-servers` first");
        }
        try {
            Files.writeString(CONFIG, """
                    {"cli": "1.0.0", "mode": {"default": "discover"},
                     "mcpServers": {"everything": {"command": "sh",
                       "args": ["-c", "tee -a \\"$0\\" | exec \\"$1\\" stdio", "%s", "%s"]}}}
                    """.formatted(RECEIVED, server));
            return Map.of("oclird.config", CONFIG.toString(),
                    "oclird.state-dir", Files.createTempDirectory("oclird-test").toString(),
                    "oclird.instance-id", "mcp-cancel-tests");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
