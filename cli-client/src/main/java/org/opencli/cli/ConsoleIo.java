package org.opencli.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.opencli.cli.options.GlobalOptions;

/**
 * The process streams tool execution needs beyond the command line's text writers: stdin (for
 * {@code --body -} and the prompts), raw stdout (binary responses) and whether the user sits at a
 * terminal. Tests pass their own.
 *
 * @param in          standard input
 * @param rawOut      standard output as bytes
 * @param interactive stdin and stdout are both terminals (prompts are allowed)
 * @param stdoutTerminal stdout is a terminal (binary is not printed there)
 */
public record ConsoleIo(InputStream in, OutputStream rawOut, boolean interactive, boolean stdoutTerminal) {

    /** The longest answer a prompt takes; a longer line is refused rather than held. */
    public static final int MAX_ANSWER_BYTES = 64 * 1024;

    public static ConsoleIo system() {
        // System.console() (and, on JDK 22+, isTerminal()) requires both stdin and stdout to be terminals
        boolean terminal = GlobalOptions.stdoutIsTerminal();
        return new ConsoleIo(System.in, System.out, terminal, terminal);
    }

    /**
     * One line typed at a prompt, without its line break; null at end of input. Read byte by byte,
     * so nothing after the line is taken from stdin (a later prompt or {@code --body -} still gets it).
     */
    public String readLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (line.size() >= MAX_ANSWER_BYTES) {
                    throw new CliException(ExitCodes.USAGE, "answer_too_long", "Answer too long",
                            "a prompt takes at most " + MAX_ANSWER_BYTES + " bytes");
                }
                line.write(b);
            }
            if (b == -1 && line.size() == 0) return null;
        } catch (IOException e) {
            return null;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
