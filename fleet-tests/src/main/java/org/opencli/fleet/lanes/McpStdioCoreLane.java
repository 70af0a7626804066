package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.Processes;

/**
 * MCP servers over stdio as governed tool sources, as a user meets them: {@code ocli init --type mcp}
 * for {@code server-everything}, {@code server-filesystem} added as an {@code mcpServers} entry; the
 * managed local daemon lists their tools, calls them from the command words the catalog gives,
 * reports an {@code isError} result with the upstream-4xx exit code and the server's message,
 * restarts a killed server on the next call, applies {@code disabledTools} and fails closed on a
 * policy pattern that matches only disabled tools, audits every call, and ends its servers with it;
 * then cancellation and the registry's children ({@link McpStdioChildren}).
 */
public final class McpStdioCoreLane implements Lane {
    private static final Pattern TOOL_COUNT = Pattern.compile("over stdio, (\\d+) tools?;");

    @Override
    public void run(LaneContext ctx) throws Exception {
        Path everything = McpNpm.bin(ctx, "mcp-server-everything");
        Path filesystem = McpNpm.bin(ctx, "mcp-server-filesystem");
        McpProject p = new McpProject(ctx, "stdio");
        Path files = Files.createDirectories(ctx.workDir().resolve("files"));
        Files.writeString(files.resolve("hello.txt"), "hello from the lane\n");

        ProcResult init = p.ocli("init", "--type", "mcp", "--transport", "stdio", "--command", everything.toString(), "--args", "stdio",
                "--name", "everything");
        Matcher count = TOOL_COUNT.matcher(init.stdout());
        int initTools = count.find() ? Integer.parseInt(count.group(1)) : -1;
        ctx.check("ocli init --type mcp --transport stdio --command … --args stdio --name everything writes .cli.json and counts the tools",
                init.exitCode() == 0 && init.stdout().startsWith("wrote " + p.config + " (MCP server 'everything' over stdio, ") && initTools > 0,
                "exit " + init.exitCode() + " " + init.stdout().strip() + init.stderr().strip());
        p.edit(c -> c.putObject("mcpServers").putObject("files").put("command", filesystem.toString()).putArray("args").add(files.toString()));
        ProcResult valid = p.ocli("config", "validate");
        ctx.check("config validate accepts the written source and the mcpServers entry", valid.exitCode() == 0, valid.stderr().strip());

        JsonNode catalog = p.catalog();
        catalogContents(ctx, catalog, initTools);
        if (catalog == null) return;
        calls(ctx, p, catalog, files);
        restart(ctx, p, catalog);
        disabledTools(ctx, p);
        audit(ctx, p);
        missingServer(ctx);

        long pid = p.daemonPid();
        List<ProcessHandle> servers = p.children(pid, "mcp-server-");
        ProcResult stop = p.ocli("runtime", "stop");
        boolean ended = Processes.ended(pid, Duration.ofSeconds(30));
        boolean serversGone = servers.stream().allMatch(s -> Processes.ended(s.pid(), Duration.ofSeconds(10)));
        ctx.check("ocli runtime stop ends the daemon and its " + servers.size() + " MCP server processes (no orphans)",
                stop.exitCode() == 0 && ended && servers.size() == 2 && serversGone,
                "stop exit " + stop.exitCode() + ", daemon ended " + ended + ", servers " + servers.stream().map(ProcessHandle::pid).toList()
                        + " gone " + serversGone);
        McpStdioChildren.run(ctx, everything);
    }

    private static void catalogContents(LaneContext ctx, JsonNode catalog, int initTools) {
        List<String> ids = catalog == null ? List.of()
                : StreamSupport.stream(catalog.path("catalog").path("tools").spliterator(), false).map(t -> t.path("id").asText()).toList();
        long everythingTools = ids.stream().filter(id -> id.startsWith("everything:")).count();
        ctx.check("catalog list: server-everything's tools as everything:<tool>, as many as init counted",
                ids.containsAll(List.of("everything:echo", "everything:get-sum", "everything:get-env", "everything:get-structured-content"))
                        && everythingTools == initTools,
                everythingTools + " tools, init said " + initTools + ": " + ids);
        ctx.check("... and server-filesystem's as files:<tool>",
                ids.containsAll(List.of("files:read_text_file", "files:write_file", "files:list_directory")), ids.toString());
        if (catalog == null) return;
        JsonNode echo = McpNpm.tool(catalog, "everything:echo");
        JsonNode write = McpNpm.tool(catalog, "files:write_file");
        JsonNode backend = echo.path("backend");
        ctx.check("an MCP tool's backend is {type mcp, sourceId, toolName, transport}; readOnlyHint makes echo read-only, write_file is not",
                "mcp".equals(backend.path("type").asText()) && "everything".equals(backend.path("sourceId").asText())
                        && "echo".equals(backend.path("toolName").asText()) && "stdio".equals(backend.path("transport").asText())
                        && echo.path("safety").path("readOnly").asBoolean(false)
                        && !write.path("safety").path("readOnly").asBoolean(true),
                "echo backend " + echo.path("backend") + " safety " + echo.path("safety") + ", write_file safety " + write.path("safety"));
    }

    private static void calls(LaneContext ctx, McpProject p, JsonNode catalog, Path files) throws Exception {
        ProcResult echo = p.ocli(McpNpm.words(catalog, "everything:echo", "message", "hello from ocli"));
        ctx.check("everything echo --message 'hello from ocli': exit 0, the server's text", echo.exitCode() == 0
                && echo.stdout().contains("Echo: hello from ocli"), "exit " + echo.exitCode() + " " + echo.stdout().strip() + echo.stderr().strip());
        ProcResult sum = p.ocli(McpNpm.words(catalog, "everything:get-sum", "a", "2", "b", "3"));
        ctx.check("everything get-sum --a 2 --b 3 (typed number flags): the server's sum", sum.exitCode() == 0
                && sum.stdout().contains("The sum of 2 and 3 is 5."), "exit " + sum.exitCode() + " " + sum.stdout().strip() + sum.stderr().strip());
        Path written = files.resolve("written.txt");
        ProcResult write = p.ocli(McpNpm.words(catalog, "files:write_file", "path", written.toString(), "content", "written by ocli"));
        ctx.check("files write_file writes the file on disk", write.exitCode() == 0 && Files.isRegularFile(written)
                && Files.readString(written).equals("written by ocli"), "exit " + write.exitCode() + " " + write.stderr().strip());
        ProcResult read = p.ocli(McpNpm.words(catalog, "files:read_text_file", "path", files.resolve("hello.txt").toString()));
        ctx.check("files read_text_file returns the file's text", read.exitCode() == 0 && read.stdout().contains("hello from the lane"),
                "exit " + read.exitCode() + " " + read.stdout().strip() + read.stderr().strip());
        ProcResult denied = p.ocli(McpNpm.words(catalog, "files:read_text_file", "path", "/etc/hostname"));
        String said = denied.stdout() + denied.stderr();
        ctx.check("an isError result (a path outside the allowed directory): exit 6 as for an upstream 4xx, with the server's message",
                denied.exitCode() == 6 && said.contains("Access denied - path outside allowed directories"),
                "exit " + denied.exitCode() + " " + said.strip());
    }

    private static void restart(LaneContext ctx, McpProject p, JsonNode catalog) throws Exception {
        long daemon = p.daemonPid();
        List<ProcessHandle> before = p.children(daemon, "mcp-server-everything");
        before.forEach(ProcessHandle::destroyForcibly);
        boolean killed = before.stream().allMatch(h -> Processes.ended(h.pid(), Duration.ofSeconds(10)));
        ProcResult again = p.ocli(McpNpm.words(catalog, "everything:echo", "message", "after the kill"));
        List<ProcessHandle> after = p.children(daemon, "mcp-server-everything");
        ctx.check("server-everything killed (kill -9): the next call works on a restarted process of the same daemon",
                before.size() == 1 && killed && again.exitCode() == 0 && again.stdout().contains("Echo: after the kill") && after.size() == 1
                        && after.get(0).pid() != before.get(0).pid() && p.daemonPid() == daemon,
                "before " + before.stream().map(ProcessHandle::pid).toList() + ", exit " + again.exitCode() + " " + again.stderr().strip()
                        + ", after " + after.stream().map(ProcessHandle::pid).toList());
    }

    /** The user's view of a broken source: ocli's one error and exit code, never the MCP SDK's stack trace. */
    private static void missingServer(LaneContext ctx) throws Exception {
        McpProject gone = new McpProject(ctx, "gone");
        Files.writeString(gone.config, """
                {"cli": "1.0.0", "mode": {"default": "discover"}, "mcpServers": {"gone": {"command": "/nonexistent/mcp-server"}}}
                """);
        ProcResult listed = gone.ocli("--embedded", "catalog", "list");
        List<String> lines = listed.stderr().strip().lines().toList();
        ctx.check("a stdio source whose command does not exist (--embedded): exit 8, a short error naming the source, no stack trace",
                listed.exitCode() == 8 && listed.stderr().contains("gone") && lines.size() <= 3 && !listed.stderr().contains("\tat "),
                "exit " + listed.exitCode() + ", " + lines.size() + " stderr lines: " + listed.stderr().strip());
    }

    private static void disabledTools(LaneContext ctx, McpProject p) throws Exception {
        String original = Files.readString(p.config);
        p.edit(c -> ((ObjectNode) c.path("sources").path("everything")).putArray("disabledTools").add("get-env"));
        JsonNode catalog = p.catalog();
        List<String> ids = catalog == null ? List.of() : StreamSupport.stream(catalog.path("catalog").path("tools").spliterator(), false)
                .map(t -> t.path("id").asText()).toList();
        ctx.check("disabledTools [get-env]: the tool is gone from the catalog, the others stay",
                !ids.isEmpty() && !ids.contains("everything:get-env") && ids.contains("everything:echo"), ids.toString());

        p.edit(c -> c.putObject("policy").putArray("deny").add("everything:get-env"));
        ProcResult refused = p.ocli("catalog", "list");
        ctx.check("a policy pattern that matches only a disabled tool fails closed: exit 2 naming the source",
                refused.exitCode() == 2 && refused.stderr().contains("everything"), "exit " + refused.exitCode() + " " + refused.stderr().strip());
        Files.writeString(p.config, original);
        ProcResult back = p.ocli("catalog", "list");
        ctx.check("... the config restored, the catalog builds again", back.exitCode() == 0, back.stderr().strip());
    }

    private static void audit(LaneContext ctx, McpProject p) throws Exception {
        List<JsonNode> records = p.audit();
        long echo = records.stream().filter(r -> "everything:echo".equals(r.path("toolId").asText())
                && "tool_execution".equals(r.path("eventType").asText())).count();
        long read = records.stream().filter(r -> "files:read_text_file".equals(r.path("toolId").asText())
                && "tool_execution".equals(r.path("eventType").asText())).count();
        ctx.check("one tool_execution audit record per call: 2 echo (allowed), 1 get-sum, 1 write_file, 2 read_text_file (one an error)",
                echo == 2 && McpNpm.executions(records, "everything:echo", "allow") == 2
                        && McpNpm.executions(records, "everything:get-sum", "allow") == 1
                        && McpNpm.executions(records, "files:write_file", "allow") == 1 && read == 2,
                "echo " + echo + ", read_text_file " + read + " of " + records.size() + " records");
    }
}
