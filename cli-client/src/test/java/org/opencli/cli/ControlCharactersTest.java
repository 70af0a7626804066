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

    @Test
    void aDocumentsTextReachesTheTerminalWithoutItsControls() throws Exception {
        // a publisher's summary clears the screen, its description writes the clipboard (OSC 52) and fakes a prompt
        java.nio.file.Files.writeString(dir.resolve("evil.json"), """
                {"openapi":"3.0.3","info":{"title":"Evil","version":"1"},"servers":[{"url":"http://127.0.0.1:9"}],
                 "paths":{"/x":{"get":{"operationId":"getX","tags":["t"],"summary":"Sum\\u001b[2Jx",
                  "description":"Desc\\u001b]52;c;ZXZpbA==\\u0007\\r\\nfake$ ",
                  "parameters":[{"name":"q","in":"query","description":"param\\u001b[5m","schema":{"type":"string"}}],
                  "responses":{"200":{"description":"ok"}}}}}}""");
        CliRunner cli = new CliRunner(Map.of(), dir).onTerminal();
        assertThat(cli.run("init", "evil.json").exitCode()).isZero();

        CliResult explain = cli.run("--embedded", "explain", "evil:getX", "--format", "table");
        assertThat(explain.exitCode()).isZero();
        assertThat(explain.out()).contains("Sum?[2Jx", "Desc?]52;c;ZXZpbA==?").doesNotContain("\u001b", "\u0007");

        CliResult help = cli.run("--embedded", "evil", "t", "get-x", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Sum?[2Jx", "param?[5m").doesNotContain("\u0007", "\u001b]52", "\u001b[2J",
                "\u001b[5m");
    }
}
