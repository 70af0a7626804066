package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;

/** Usage errors of the built-in commands; none of these needs a config or a runtime. */
class BuiltinUsageTest {
    @TempDir
    Path dir;

    private CliResult ocli(String... args) {
        return new CliRunner(Map.of(), dir).run(args);
    }

    @Test
    void helpAndVersionNeedNothing() {
        CliResult help = ocli("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Exit codes:", "2  usage error or invalid config");
        assertThat(help.err()).isEmpty();
        assertThat(ocli("catalog", "list", "--help").exitCode()).isZero();
        assertThat(ocli("--version").out()).startsWith("ocli ");
    }

    @Test
    void missingCommandsAndParametersAreUsage() {
        assertThat(ocli().exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(ocli("catalog").exitCode()).isEqualTo(ExitCodes.USAGE);
        CliResult schema = ocli("tool", "schema");
        assertThat(schema.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(schema.err()).isEqualTo("ocli: missing required argument 'TOOL' for 'ocli tool schema'\n"
                + "Run 'ocli tool schema --help' for usage.\n");
    }

    @Test
    void unknownCommandWithoutConfigIsUsageWithSuggestion() {
        CliResult r = ocli("--state-dir", dir.toString(), "catalogue");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("unknown command 'catalogue' for 'ocli'; did you mean 'catalog'?",
                "Run 'ocli --state-dir " + dir + " --help' for usage.");
    }

    @Test
    void unknownOptionIsUsage() {
        assertThat(ocli("catalog", "list", "--bogus").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
