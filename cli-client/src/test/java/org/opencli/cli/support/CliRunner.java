package org.opencli.cli.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.opencli.cli.OcliLauncher;
import org.opencli.cli.runtime.RuntimeResolver;
import picocli.CommandLine;

/** Runs {@code ocli} in-process with picocli's plain factory, a chosen environment and working directory. */
public final class CliRunner {
    private final Map<String, String> env;
    private final Path cwd;

    public CliRunner(Map<String, String> env, Path cwd) {
        this.env = env;
        this.cwd = cwd;
    }

    public CliResult run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = OcliLauncher.run(CommandLine.defaultFactory(), new RuntimeResolver(env, cwd),
                new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliResult(exit, out.toString(), err.toString());
    }

    public record CliResult(int exitCode, String out, String err) {
    }
}
