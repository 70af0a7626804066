package org.opencli.core.mcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.awaitility.Awaitility;

/** server-everything started over HTTP ({@code streamableHttp} or {@code sse}) on a free loopback port; ended on close. */
final class EverythingHttpServer implements AutoCloseable {
    final int port;
    private final Process process;

    EverythingHttpServer(String mode) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(McpServers.bin("mcp-server-everything"), mode).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PORT", Integer.toString(port));
        process = builder.start();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(this::accepting);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private boolean accepting() {
        if (!process.isAlive()) throw new AssertionError("server-everything " + port + " exited with " + process.exitValue());
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        process.onExit().join();
    }
}
