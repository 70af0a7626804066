package org.opencli.service.mcp;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A daemon whose config's one source is the real server-everything over stdio, as a user writes it in {@code mcpServers}. */
public class McpSourceProfile implements QuarkusTestProfile {
    /** {@code mcp-server-everything} from {@code make mcp-servers} (system property {@code ocli.mcp.npm}). */
    static Path everything() {
        String npm = System.getProperty("ocli.mcp.npm");
        Path server = npm == null ? null : Path.of(npm, "node_modules", ".bin", "mcp-server-everything");
        if (server == null || !Files.isExecutable(server)) {
            throw new AssertionError("server-everything is missing (ocli.mcp.npm=" + npm + "): run `make mcp-servers` first");
        }
        return server;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Path dir = Files.createTempDirectory("oclird-mcp-source");
            Path config = dir.resolve(".cli.json");
            Files.writeString(config, """
                    {"cli": "1.0.0", "mode": {"default": "discover"},
                     "mcpServers": {"everything": {"command": "%s", "args": ["stdio"]}}}
                    """.formatted(everything()));
            return Map.of("oclird.config", config.toString(),
                    "oclird.state-dir", Files.createTempDirectory("oclird-test").toString(),
                    "oclird.instance-id", "mcp-source-tests");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
