package org.opencli.cli;

import java.io.InputStream;
import java.io.OutputStream;
import org.opencli.cli.options.GlobalOptions;

/**
 * The process streams tool execution needs beyond the command line's text writers: stdin (for
 * {@code --body -} and the approval prompt), raw stdout (binary responses) and whether the user sits
 * at a terminal. Tests pass their own.
 *
 * @param in          standard input
 * @param rawOut      standard output as bytes
 * @param interactive stdin and stdout are both terminals (prompts are allowed)
 * @param stdoutTerminal stdout is a terminal (binary is not printed there)
 */
public record ConsoleIo(InputStream in, OutputStream rawOut, boolean interactive, boolean stdoutTerminal) {

    public static ConsoleIo system() {
        // System.console() (and, on JDK 22+, isTerminal()) requires both stdin and stdout to be terminals
        boolean terminal = GlobalOptions.stdoutIsTerminal();
        return new ConsoleIo(System.in, System.out, terminal, terminal);
    }
}
