package org.opencli.core.mcp;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real MCP servers from npm that `make mcp-servers` installs (system property ocli.mcp.npm). */
public final class McpServers {
    private McpServers() {
    }

    /** The path of {@code node_modules/.bin/<name>}; fails (never skips) when it was not installed. */
    public static String bin(String name) {
        String dir = System.getProperty("ocli.mcp.npm");
        if (dir == null || dir.isBlank()) throw new AssertionError("system property ocli.mcp.npm is not set: run `make mcp-servers`");
        Path bin = Path.of(dir, "node_modules", ".bin", name);
        if (!Files.isExecutable(bin)) throw new AssertionError(bin + " is missing: run `make mcp-servers` first");
        return bin.toString();
    }
}
