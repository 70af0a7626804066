package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;

/**
 * A person (their own HOME) in a project directory whose {@code .cli.json} has MCP sources, using
 * ocli with the managed local daemon it starts: the daemon runs the stdio servers and talks to the
 * HTTP ones. What the MCP lanes look at: the catalog, the daemon's pid and children, its audit.
 */
final class McpProject {
    final LaneContext ctx;
    final Path home;
    final Path dir;
    final Path config;
    final Map<String, String> env = new HashMap<>();

    McpProject(LaneContext ctx, String name) throws IOException {
        this.ctx = ctx;
        this.home = Files.createDirectories(ctx.workDir().resolve("home-" + name));
        this.dir = Files.createDirectories(ctx.workDir().resolve("project-" + name));
        this.config = dir.resolve(".cli.json");
    }

    /** {@code bin/ocli args…} as this person, in the project directory. */
    ProcResult ocli(String... args) throws IOException, InterruptedException {
        return ctx.ocliAs(home, dir, env, args);
    }

    /** The config as JSON, edited by {@code edit} and written back (the daemon sees it on its next request). */
    void edit(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode config = (ObjectNode) ctx.json(Files.readString(this.config));
        edit.accept(config);
        Files.writeString(this.config, config.toPrettyString());
        ctx.log("edited " + this.config + ":\n" + config.toPrettyString());
    }

    /** {@code ocli catalog list --format json} parsed, or null when it failed. */
    JsonNode catalog() throws IOException, InterruptedException {
        ProcResult listed = ocli("catalog", "list", "--format", "json");
        return listed.exitCode() == 0 ? ctx.json(listed.stdout()) : null;
    }

    Path instanceDir() {
        return home.resolve(".local/state/oas-cli/instances").resolve(LocalDaemonUser.derivedInstance(config));
    }

    /** The managed daemon's pid from its registry entry, or -1. */
    long daemonPid() throws IOException {
        Path registry = instanceDir().resolve("runtime.json");
        return Files.isRegularFile(registry) ? ctx.json(Files.readString(registry)).path("pid").asLong(-1) : -1;
    }

    /** The daemon's live descendants whose command line contains {@code marker} (an MCP server's program). */
    List<ProcessHandle> children(long daemonPid, String marker) {
        return ProcessHandle.of(daemonPid).map(p -> p.descendants().filter(ProcessHandle::isAlive)
                .filter(c -> c.info().commandLine().map(line -> line.contains(marker)).orElse(false)).toList()).orElse(List.of());
    }

    /** The instance's audit records, kept as a lane artifact. */
    List<JsonNode> audit() throws IOException {
        Path log = instanceDir().resolve("audit.log");
        ctx.artifact("audit-" + dir.getFileName() + ".log", Files.isRegularFile(log) ? Files.readString(log) : "");
        return McpNpm.audit(ctx, log);
    }
}
