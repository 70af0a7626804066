package org.opencli.fleet.syslog;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Debian rsyslogd for the lanes (the minimal plain-TCP part of runtime-core's test helper of
 * the same name): its own config with an imtcp listener on a port chosen up front, writing every
 * received message's raw text as one line. Can be stopped and started again on the same port.
 */
public final class Rsyslogd implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/rsyslogd");

    private final Path dir;
    private final int port;
    private final Path out;
    private Process process;

    public Rsyslogd(Path dir) {
        this.dir = dir;
        this.port = freePort();
        this.out = dir.resolve("received.log");
    }

    public int port() {
        return port;
    }

    public Path received() {
        return out;
    }

    /** Starts rsyslogd and returns once its listener accepts connections. */
    public Rsyslogd start() throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's rsyslog package (.ci/run does)");
        }
        Path work = Files.createDirectories(dir.resolve("work"));
        String conf = "global(workDirectory=\"" + work + "\" maxMessageSize=\"64k\")\n"
                + "module(load=\"imtcp\")\n"
                + "template(name=\"raw\" type=\"string\" string=\"%rawmsg%\\n\")\n"
                + "ruleset(name=\"audit\") { action(type=\"omfile\" file=\"" + out + "\" template=\"raw\") }\n"
                + "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"" + port + "\" ruleset=\"audit\")\n";
        Path confFile = dir.resolve("rsyslog.conf");
        Files.writeString(confFile, conf);
        process = new ProcessBuilder(BINARY.toString(), "-n", "-f", confFile.toString(), "-i",
                dir.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("rsyslogd.out").toFile()))
                .start();
        try {
            awaitListening();
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
        return this;
    }

    /** Stops rsyslogd (SIGTERM, then SIGKILL) and waits until it has exited. */
    public void stop() {
        if (process == null) return;
        ProcessHandle handle = process.toHandle();
        handle.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                handle.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    /** Complete lines received so far. */
    public List<String> lines() throws IOException {
        if (!Files.exists(out)) return List.of();
        String text = Files.readString(out, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        if (end < 0) return List.of();
        return new ArrayList<>(List.of(text.substring(0, end).split("\n", -1)));
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IOException("rsyslogd exited with " + process.exitValue() + ": "
                            + Files.readString(dir.resolve("rsyslogd.out")));
                }
                if (System.nanoTime() > deadline) throw new IOException("rsyslogd is not listening on " + port, e);
                try {
                    process.waitFor(50, TimeUnit.MILLISECONDS); // poll with a deadline
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for rsyslogd", ie);
                }
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
