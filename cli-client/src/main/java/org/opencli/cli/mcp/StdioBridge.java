package org.opencli.cli.mcp;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.opencli.cli.CliSession;
import org.opencli.cli.VersionProvider;
import org.opencli.core.mcpserver.StdioMcpServer;

/**
 * Runs {@code ocli mcp serve} until standard input ends. The runtime and its catalog are resolved
 * first, so a missing config or a refused sign-in is an ordinary ocli error (exit code, message on
 * stderr) before any JSON-RPC. While serving, {@code System.out} points at stderr: standard output
 * carries only the protocol's messages.
 */
public final class StdioBridge {
    private StdioBridge() {
    }

    /** Serves; returns the exit code (0 once the client closed standard input). */
    public static int serve(CliSession session) throws InterruptedException {
        session.runtime();
        session.freshCatalog();
        PrintStream stdout = System.out;
        System.setOut(System.err);
        ExecutorService calls = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ocli-mcp-calls");
            t.setDaemon(true);
            return t;
        });
        try (StdioMcpServer server = StdioMcpServer.start(new CliGovernedRuntime(session, calls), "ocli", version(),
                new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out))) {
            server.awaitEnd();
        } finally {
            calls.shutdownNow();
            System.setOut(stdout);
        }
        return 0;
    }

    private static String version() {
        String text = new VersionProvider().getVersion()[0];
        return text.startsWith("ocli ") ? text.substring(5) : text;
    }
}
