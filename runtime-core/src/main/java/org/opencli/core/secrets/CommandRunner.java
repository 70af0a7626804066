package org.opencli.core.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an argv (no shell) with a timeout and returns stdout without its trailing newline. */
final class CommandRunner {
    private CommandRunner() {
    }

    static String run(List<String> argv, Duration timeout) {
        if (argv == null || argv.isEmpty()) throw new SecretUnresolvedException("no command given");
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new SecretUnresolvedException("cannot start '" + argv.get(0) + "' (not installed or not executable)");
        }
        try (InputStream out = process.getInputStream()) {
            process.getOutputStream().close();
            // read on this thread; the process is killed if it outlives the timeout
            var reader = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(out));
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                // whichever comes first: the process ends, or its output is read to the end or past the limit
                java.util.concurrent.CompletableFuture.anyOf(reader, process.onExit()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException slow) {
                process.destroyForcibly();
                throw new SecretUnresolvedException("'" + argv.get(0) + "' did not finish within " + timeout.toMillis() + " ms");
            }
            if (reader.isCompletedExceptionally()) reader.get(); // too much output: say so at once
            if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                process.destroyForcibly();
                throw new SecretUnresolvedException("'" + argv.get(0) + "' did not finish within " + timeout.toMillis() + " ms");
            }
            String text = reader.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (process.exitValue() != 0) {
                throw new SecretUnresolvedException("'" + argv.get(0) + "' exited with status " + process.exitValue());
            }
            String value = trimNewline(text);
            if (value.isEmpty()) throw new SecretUnresolvedException("'" + argv.get(0) + "' printed nothing");
            return value;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new SecretUnresolvedException("interrupted while running '" + argv.get(0) + "'");
        } catch (java.util.concurrent.ExecutionException e) {
            process.destroyForcibly();
            if (e.getCause() instanceof SecretUnresolvedException refused) throw refused;
            throw new SecretUnresolvedException("cannot read the output of '" + argv.get(0) + "'");
        } catch (IOException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new SecretUnresolvedException("cannot read the output of '" + argv.get(0) + "'");
        }
    }

    /** A secret (a token, a key) is small: a file or a command's output beyond this is refused, never read whole. */
    static final int MAX_SECRET_BYTES = 64 * 1024;

    private static String readAll(InputStream in) {
        try {
            byte[] bytes = in.readNBytes(MAX_SECRET_BYTES + 1);
            if (bytes.length > MAX_SECRET_BYTES) {
                throw new SecretUnresolvedException("the command printed more than " + MAX_SECRET_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String trimNewline(String s) {
        if (s.endsWith("\r\n")) return s.substring(0, s.length() - 2);
        if (s.endsWith("\n")) return s.substring(0, s.length() - 1);
        return s;
    }
}
