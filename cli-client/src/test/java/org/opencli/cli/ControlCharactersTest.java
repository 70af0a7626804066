package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.output.VisibleText;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;

/**
 * A word the user typed comes back in error messages: its terminal controls (clear screen, set the
 * window title) must arrive as {@code ?}, whichever path reports the error.
 */
class ControlCharactersTest {
    private static final String CLEAR_SCREEN = "a\u001b[2Jb";
    private static final String SET_TITLE = "\u001b]0;pwned\u0007";

    @TempDir
    Path dir;

    @Test
    void errorsShowControlCharactersAsQuestionMarks() {
        CliRunner cli = new CliRunner(Map.of(), dir);
        CliResult explain = cli.run("--demo", "explain", CLEAR_SCREEN);
        assertThat(explain.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(explain.err()).contains("a?[2Jb").doesNotContain("\u001b");

        CliResult filter = cli.run("--demo", "catalog", "list", "--service", SET_TITLE);
        assertThat(filter.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(filter.err()).contains("?]0;pwned?").doesNotContain("\u001b").doesNotContain("\u0007");

        CliResult usage = cli.run("--demo", "shop", "items", CLEAR_SCREEN);
        assertThat(usage.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(usage.err()).doesNotContain("\u001b");
    }

    @Test
    void layoutSurvivesOnlyWhereAsked() {
        assertThat(VisibleText.of("a\nb\tc\u009bd")).isEqualTo("a?b?c?d");
        assertThat(VisibleText.keepingLayout("a\nb\tc\u009bd")).isEqualTo("a\nb\tc?d");
    }
}
