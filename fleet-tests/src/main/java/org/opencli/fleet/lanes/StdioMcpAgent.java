package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.Processes;

/**
 * The side of a desktop agent that spawned {@code ocli mcp serve}: one long-lived process, started
 * as a user ({@link LaneContext#userEnvironment}), spoken to in JSON-RPC lines on its standard input;
 * its answers are read by id from its standard output (kept in a file, polled). Every line each way
 * goes to the transcript. Closing it ends the process if it is still alive.
 */
final class StdioMcpAgent implements AutoCloseable {
    private final LaneContext ctx;
    private final Process process;
    private final OutputStream in;
    private final Path out;
    private final Path err;

    private StdioMcpAgent(LaneContext ctx, Process process, Path out, Path err) {
        this.ctx = ctx;
        this.process = process;
        this.in = process.getOutputStream();
        this.out = out;
        this.err = err;
    }

    /** {@code bin/ocli ARGS} from {@code cwd} as the user whose HOME is {@code home}, with {@code env} on top. */
    static StdioMcpAgent spawn(LaneContext ctx, Path home, Path cwd, Map<String, String> env, String... ocliArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(ctx.repoRoot().resolve("bin/ocli").toString()));
        command.addAll(List.of(ocliArgs));
        Path out = Files.createTempFile(ctx.workDir(), "mcp-serve-out", ".jsonl");
        Path err = Files.createTempFile(ctx.workDir(), "mcp-serve-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        LaneContext.userEnvironment(home, env).forEach((k, v) -> {
            if (v == null) pb.environment().remove(k);
            else pb.environment().put(k, v);
        });
        ctx.log("$ " + String.join(" ", command) + " (in " + cwd + ", HOME=" + home + "), spoken to over stdio");
        return new StdioMcpAgent(ctx, pb.start(), out, err);
    }

    /** Sends request {@code id} and returns its answer, or null when none came within {@code limit}. */
    JsonNode request(int id, String method, String paramsJson, Duration limit) throws IOException, InterruptedException {
        send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}");
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            for (JsonNode line : answers()) {
                if (line.path("id").asInt(-1) == id && !line.has("method")) {
                    ctx.log("< " + line);
                    return line;
                }
            }
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                ctx.log("no answer to " + method + " (id " + id + "); alive " + process.isAlive() + ", stderr: " + stderr().strip());
                return null;
            }
            process.waitFor(100, TimeUnit.MILLISECONDS); // the poll interval, cut short if it exits
        }
    }

    void notify(String method) throws IOException {
        send("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\"}");
    }

    /** Closes its standard input, as an agent quitting does; the exit code, or null when it was still running after {@code limit}. */
    Integer closeInput(Duration limit) throws IOException, InterruptedException {
        in.close();
        ctx.log("(standard input closed)");
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    /** Every line of its standard output so far, parsed (a line that is not JSON is returned as a text node). */
    List<JsonNode> answers() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            if (line.isBlank()) continue;
            try {
                lines.add(ctx.json(line));
            } catch (IOException notJson) {
                lines.add(com.fasterxml.jackson.databind.node.TextNode.valueOf(line)); // a partial last line, or stray output
            }
        }
        return lines;
    }

    String stderr() throws IOException {
        return Files.readString(err);
    }

    private void send(String line) throws IOException {
        ctx.log("> " + line);
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    @Override
    public void close() throws IOException {
        Processes.stop(process);
        ctx.artifact("mcp-serve-stderr.txt", stderr());
    }
}
