package org.opencli.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/ocli} on a pseudo-terminal, as a person at a terminal types it: util-linux
 * {@code script} (package bsdutils, essential on Debian) gives the command a pty for stdin, stdout
 * and stderr and types {@code typed} into it; end of input reaches the command as end of file
 * (Ctrl-D). The pty merges stdout and stderr into {@link ProcResult#stdout()}, with the typed
 * lines echoed and {@code \r\n} turned back into {@code \n}; the exit code is the command's.
 */
public final class Terminal {
    private static final long TIMEOUT_SECONDS = 120;

    private Terminal() {
    }

    public static ProcResult ocli(LaneContext ctx, Path cwd, Map<String, String> env, String typed, String... args)
            throws IOException, InterruptedException {
        return start(ctx, cwd, env, typed, args).await();
    }

    /**
     * {@link #ocli} without waiting: the command runs while the lane looks at what it has printed so
     * far ({@link Running#output()}), e.g. progress that must show before the command ends.
     */
    public static Running start(LaneContext ctx, Path cwd, Map<String, String> env, String typed, String... args)
            throws IOException {
        List<String> words = new ArrayList<>();
        words.add(ctx.repoRoot().resolve("bin/ocli").toString());
        words.addAll(List.of(args));
        List<String> quoted = words.stream().map(Terminal::shellQuote).toList();
        String commandLine = String.join(" ", quoted);
        List<String> command = List.of("script", "--quiet", "--return", "--command", commandLine, "/dev/null");
        ctx.log("$ (on a terminal, typing " + shellQuote(typed) + ") " + commandLine);
        Path input = Files.createTempFile(ctx.workDir(), "typed", ".txt");
        Path out = Files.createTempFile(ctx.workDir(), "pty", ".txt");
        Path err = Files.createTempFile(ctx.workDir(), "pty-err", ".txt");
        Files.writeString(input, typed, StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectInput(input.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("OCLI_STATE_DIR", ctx.stateDir().toString());
        pb.environment().put("SHELL", "/bin/sh");
        env.forEach((k, v) -> {
            if (v == null) pb.environment().remove(k);
            else pb.environment().put(k, v);
        });
        try {
            return new Running(ctx, command, commandLine, pb.start(), input, out, err);
        } catch (IOException e) {
            Files.deleteIfExists(input);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            throw e;
        }
    }

    /** A command running on a pseudo-terminal; {@link #await} ends it (at the latest after the timeout) and cleans up. */
    public static final class Running {
        private final LaneContext ctx;
        private final List<String> command;
        private final String commandLine;
        private final Process process;
        private final Path input;
        private final Path out;
        private final Path err;

        private Running(LaneContext ctx, List<String> command, String commandLine, Process process, Path input, Path out,
                        Path err) {
            this.ctx = ctx;
            this.command = command;
            this.commandLine = commandLine;
            this.process = process;
            this.input = input;
            this.out = out;
            this.err = err;
        }

        /** What the terminal has shown so far ({@code \r\n} as {@code \n}). */
        public String output() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8).replace("\r\n", "\n");
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        public ProcResult await() throws IOException, InterruptedException {
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    Processes.stop(process);
                    throw new IllegalStateException("timed out after " + TIMEOUT_SECONDS + " s on a terminal: " + commandLine);
                }
                ProcResult result = new ProcResult(command, process.exitValue(), output(),
                        Files.readString(err, StandardCharsets.UTF_8));
                ctx.logResult(null, result);
                return result;
            } finally {
                if (process.isAlive()) Processes.stop(process);
                Files.deleteIfExists(input);
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }
    }

    static String shellQuote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
