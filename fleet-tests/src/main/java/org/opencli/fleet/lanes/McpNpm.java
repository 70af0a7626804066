package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;

/**
 * The MCP servers and the MCP client {@code make mcp-servers} installs under
 * {@code target/mcp-npm} ({@code server-everything}, {@code server-filesystem},
 * {@code inspector-cli}), and what the MCP lanes read from a catalog to call an MCP tool as a
 * user types it.
 */
final class McpNpm {
    private McpNpm() {
    }

    /** {@code target/mcp-npm/node_modules/.bin/<name>}; a lane without it fails naming {@code make mcp-servers}. */
    static Path bin(LaneContext ctx, String name) {
        Path bin = ctx.repoRoot().resolve("target/mcp-npm/node_modules/.bin").resolve(name);
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException(bin + " is missing: run `make mcp-servers` (make fleet runs it first)");
        }
        return bin;
    }

    /**
     * {@code mcp-inspector-cli --cli ARGS} (a real MCP client) from a directory of its own, with
     * {@code env} (a stdio server it starts inherits it); each of {@code secrets} stays out of the
     * transcript. Its working directory's parent holds a
     * {@code package.json}: inspector-cli 1.0.3 tests {@code ../package.json} against the working
     * directory to choose which of its own package files to read, and fails without one.
     */
    static ProcResult inspector(LaneContext ctx, Map<String, String> env, List<String> secrets, String... args)
            throws IOException, InterruptedException {
        Path base = Files.createDirectories(ctx.workDir().resolve("inspector"));
        if (!Files.exists(base.resolve("package.json"))) Files.writeString(base.resolve("package.json"), "{}\n");
        Path cwd = Files.createDirectories(base.resolve("run"));
        List<String> all = new ArrayList<>(List.of("--cli"));
        all.addAll(List.of(args));
        return ctx.execRedacted(cwd, env, secrets, bin(ctx, "mcp-inspector-cli").toString(), all.toArray(String[]::new));
    }

    /** The JSON inspector-cli printed on stdout (after its deprecation banner, which goes to stderr), or null. */
    static JsonNode json(LaneContext ctx, ProcResult result) {
        String out = result.stdout();
        int start = out.indexOf('{');
        if (result.exitCode() != 0 || start < 0) return null;
        try {
            return ctx.json(out.substring(start));
        } catch (IOException e) {
            return null;
        }
    }

    /** The tool {@code toolId} in an {@code ocli catalog list --format json} answer, or a missing node. */
    static JsonNode tool(JsonNode listed, String toolId) {
        for (JsonNode t : listed.path("catalog").path("tools")) {
            if (toolId.equals(t.path("id").asText())) return t;
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /**
     * The words that call {@code toolId}: its service's alias, group and command from the catalog,
     * then {@code name value} pairs given by the MCP argument name, spelled as the tool's flag.
     */
    static String[] words(JsonNode listed, String toolId, String... argumentPairs) {
        JsonNode tool = tool(listed, toolId);
        String alias = tool.path("serviceId").asText();
        for (JsonNode s : listed.path("catalog").path("services")) {
            if (alias.equals(s.path("id").asText()) && s.hasNonNull("alias")) alias = s.path("alias").asText();
        }
        List<String> words = new ArrayList<>(List.of(alias, tool.path("group").asText(), tool.path("command").asText()));
        for (int i = 0; i + 1 < argumentPairs.length; i += 2) {
            words.add("--" + flagName(tool, argumentPairs[i]));
            words.add(argumentPairs[i + 1]);
        }
        return words.toArray(String[]::new);
    }

    private static String flagName(JsonNode tool, String argument) {
        for (JsonNode f : tool.path("flags")) {
            if (argument.equals(f.path("originalName").asText()) || argument.equals(f.path("name").asText())) return f.path("name").asText();
        }
        return argument;
    }

    /** The audit records of a state root's instance, oldest first (empty when none were written). */
    static List<JsonNode> audit(LaneContext ctx, Path auditLog) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        if (!Files.isRegularFile(auditLog)) return records;
        for (String line : Files.readAllLines(auditLog)) {
            if (!line.isBlank()) records.add(ctx.json(line));
        }
        return records;
    }

    /** How many {@code tool_execution} records name {@code toolId} with {@code decision}. */
    static long executions(List<JsonNode> records, String toolId, String decision) {
        return records.stream().filter(r -> "tool_execution".equals(r.path("eventType").asText())
                && toolId.equals(r.path("toolId").asText()) && decision.equals(r.path("decision").asText())).count();
    }
}
