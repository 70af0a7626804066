package org.opencli.fleet.lanes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opencli.fleet.FreePort;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.Processes;

/**
 * {@code mcp-server-everything streamableHttp|sse} started by a lane on a free port (it takes its
 * port from {@code PORT}), its output kept as an artifact; closing it ends the process.
 */
final class McpHttpServer implements AutoCloseable {
    private final Process process;
    private final String url;

    private McpHttpServer(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** {@code transport} is {@code streamableHttp} (endpoint {@code /mcp}) or {@code sse} (endpoint {@code /sse}). */
    static McpHttpServer start(LaneContext ctx, String transport) throws IOException, InterruptedException {
        int port = FreePort.pick();
        String name = "server-everything-" + transport + ".log";
        Path log = ctx.workDir().resolve(name);
        ProcessBuilder pb = new ProcessBuilder(McpNpm.bin(ctx, "mcp-server-everything").toString(), transport)
                .directory(ctx.workDir().toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PORT", Integer.toString(port));
        ctx.log("$ PORT=" + port + " mcp-server-everything " + transport + " &");
        Process process = pb.start();
        String ready = "port " + port;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!Files.readString(log).contains(ready)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                Processes.stop(process);
                throw new IllegalStateException("mcp-server-everything " + transport + " did not report '" + ready + "': " + Files.readString(log));
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        String endpoint = transport.equals("sse") ? "/sse" : "/mcp";
        return new McpHttpServer(process, "http://127.0.0.1:" + port + endpoint);
    }

    /** The server's base URL (no path). */
    String base() {
        return url.substring(0, url.lastIndexOf('/'));
    }

    /** The MCP endpoint ({@code /mcp} or {@code /sse}). */
    String url() {
        return url;
    }

    List<ProcessHandle> processes() {
        return List.of(process.toHandle());
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
