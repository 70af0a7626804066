package org.opencli.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A launcher run in the background (e.g. {@code ocli auth login} waiting for a browser): the lane
 * watches its output for a line while it runs, acts on it, then waits for the exit. Closing it
 * stops the process if it is still alive.
 */
public final class Background implements AutoCloseable {
    private final LaneContext ctx;
    private final List<String> command;
    private final Process process;
    private final Path out;
    private final Path err;

    Background(LaneContext ctx, List<String> command, Process process, Path out, Path err) {
        this.ctx = ctx;
        this.command = command;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * The first match of {@code pattern} in stdout or stderr, polled until it appears, the process
     * ends, or {@code timeout} passes (then an error naming what was printed so far).
     */
    public Matcher await(Pattern pattern, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            String printed = Files.readString(out) + "\n" + Files.readString(err);
            Matcher m = pattern.matcher(printed);
            if (m.find()) return m;
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException((process.isAlive() ? "no " : "exited " + process.exitValue() + " without ")
                        + "output matching " + pattern + " from " + String.join(" ", command) + "; printed:\n" + printed.strip());
            }
            // the poll interval, cut short when the process ends
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process's pid (bin/ocli execs the JVM, so for ocli it is the JVM's). */
    public long pid() {
        return process.pid();
    }

    /** Waits for the exit and records it in the transcript like a foreground run. */
    public ProcResult finish(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            Processes.stop(process);
            throw new IllegalStateException("timed out after " + timeout + ": " + command);
        }
        ProcResult result = new ProcResult(command, process.exitValue(), Files.readString(out), Files.readString(err));
        ctx.logResult("(background) " + String.join(" ", command), result);
        return result;
    }

    @Override
    public void close() throws IOException {
        Processes.stop(process);
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
    }
}
