package org.opencli.cli.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.opencli.cli.ConsoleIo;
import org.opencli.cli.OcliLauncher;
import org.opencli.cli.runtime.RuntimeResolver;
import picocli.CommandLine;

/**
 * Runs {@code ocli} in-process with picocli's plain factory, a chosen environment and working
 * directory, and a console: stdin bytes (empty by default) and whether it counts as a terminal.
 */
public final class CliRunner {
    private final Map<String, String> env;
    private final Path cwd;
    private final byte[] stdin;
    private final boolean terminal;

    public CliRunner(Map<String, String> env, Path cwd) {
        this(env, cwd, new byte[0], false);
    }

    private CliRunner(Map<String, String> env, Path cwd, byte[] stdin, boolean terminal) {
        this.env = env;
        this.cwd = cwd;
        this.stdin = stdin;
        this.terminal = terminal;
    }

    public CliRunner withStdin(String text) {
        return new CliRunner(env, cwd, text.getBytes(StandardCharsets.UTF_8), terminal);
    }

    /** Stdin and stdout count as terminals (prompts allowed, no binary on stdout). */
    public CliRunner onTerminal() {
        return new CliRunner(env, cwd, stdin, true);
    }

    public CliResult run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        ConsoleIo console = new ConsoleIo(new ByteArrayInputStream(stdin), raw, terminal, terminal);
        int exit = OcliLauncher.run(CommandLine.defaultFactory(), new RuntimeResolver(env, cwd),
                new PrintWriter(out, true), new PrintWriter(err, true), console, args);
        return new CliResult(exit, out.toString(), err.toString(), raw.toByteArray());
    }

    /** Exit code, stdout text, stderr text and the raw bytes written to stdout (binary responses). */
    public record CliResult(int exitCode, String out, String err, byte[] raw) {
    }
}
