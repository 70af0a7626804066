package org.opencli.core.audit.syslog;

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
import java.util.function.Predicate;

/**
 * A real Debian rsyslogd for tests: its own generated config with an imtcp listener on a fixed
 * (ephemeral, chosen up front) port, optionally a TLS listener (gtls, anonymous client auth) with a
 * given certificate, writing every received message's raw text ({@code %rawmsg%}) as one line.
 * Can be stopped and started again on the same ports. Shared through runtime-core's test-jar: the
 * fleet's audit-syslog lane runs it too.
 */
public final class Rsyslogd implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/rsyslogd");

    private final Path dir;
    private final int port;
    private final int tlsPort;
    private final Path cert;
    private final Path key;
    private final Path out;
    private Process process;

    private Rsyslogd(Path dir, int port, int tlsPort, Path cert, Path key) {
        this.dir = dir;
        this.port = port;
        this.tlsPort = tlsPort;
        this.cert = cert;
        this.key = key;
        this.out = dir.resolve("received.log");
    }

    public static Rsyslogd plain(Path dir) {
        return new Rsyslogd(dir, freePort(), 0, null, null);
    }

    public static Rsyslogd withTls(Path dir, Path cert, Path key) {
        return new Rsyslogd(dir, freePort(), freePort(), cert, key);
    }

    public int port() {
        return port;
    }

    public int tlsPort() {
        return tlsPort;
    }

    /** The file every received message's raw text is written to, one line each. */
    public Path received() {
        return out;
    }

    /** Starts rsyslogd and returns once its listeners accept connections. */
    public Rsyslogd start() throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's rsyslog package (.ci/run does)");
        }
        Path work = Files.createDirectories(dir.resolve("work"));
        Path conf = dir.resolve("rsyslog.conf");
        StringBuilder c = new StringBuilder();
        c.append("global(workDirectory=\"").append(work).append("\" maxMessageSize=\"64k\"");
        if (cert != null) {
            c.append(" defaultNetstreamDriverCAFile=\"").append(cert).append("\" defaultNetstreamDriverCertFile=\"")
                    .append(cert).append("\" defaultNetstreamDriverKeyFile=\"").append(key).append('"');
        }
        c.append(")\n");
        c.append("module(load=\"imtcp\")\n");
        c.append("template(name=\"raw\" type=\"string\" string=\"%rawmsg%\\n\")\n");
        c.append("ruleset(name=\"audit\") { action(type=\"omfile\" file=\"").append(out)
                .append("\" template=\"raw\") }\n");
        c.append("input(type=\"imtcp\" address=\"127.0.0.1\" port=\"").append(port).append("\" ruleset=\"audit\")\n");
        if (cert != null) {
            c.append("input(type=\"imtcp\" address=\"127.0.0.1\" port=\"").append(tlsPort)
                    .append("\" ruleset=\"audit\" streamDriver.name=\"gtls\" streamDriver.mode=\"1\""
                            + " streamDriver.authMode=\"anon\")\n");
        }
        Files.writeString(conf, c.toString());
        process = new ProcessBuilder(BINARY.toString(), "-n", "-f", conf.toString(), "-i",
                dir.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("rsyslogd.out").toFile()))
                .start();
        try {
            awaitListening(port);
            if (cert != null) awaitListening(tlsPort);
        } catch (IOException | RuntimeException e) {
            stop(); // the caller's try-with-resources never got hold of it
            throw e;
        }
        return this;
    }

    /** Stops rsyslogd (SIGTERM to its pid, then SIGKILL) and waits until it has exited. */
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

    /** Complete lines received so far (a line being written is not included). */
    public List<String> lines() throws IOException {
        if (!Files.exists(out)) return List.of();
        String text = Files.readString(out, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        if (end < 0) return List.of();
        return new ArrayList<>(List.of(text.substring(0, end).split("\n", -1)));
    }

    /** Polls the output until {@code done} holds for the received lines, failing after {@code timeout}. */
    public List<String> awaitLines(Predicate<List<String>> done, Duration timeout, String what) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> lines = lines();
        while (!done.test(lines)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("rsyslogd did not receive " + what + " within " + timeout + "; got "
                        + lines.size() + " lines; rsyslogd output: " + rsyslogOutput());
            }
            Polling.pause();
            lines = lines();
        }
        return lines;
    }

    public List<String> awaitCount(int count, Duration timeout) throws IOException {
        return awaitLines(l -> l.size() >= count, timeout, count + " messages");
    }

    private String rsyslogOutput() throws IOException {
        Path log = dir.resolve("rsyslogd.out");
        return Files.exists(log) ? Files.readString(log) : "(none)";
    }

    private void awaitListening(int p) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", p), 200);
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IOException("rsyslogd exited with " + process.exitValue() + ": " + rsyslogOutput());
                }
                if (System.nanoTime() > deadline) throw new IOException("rsyslogd is not listening on " + p, e);
                Polling.pause();
            }
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
