package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;

/** Config command failures that happen before any config is loaded (see EmbeddedCatalogCommandsTest for the rest). */
class ConfigCommandsTest {
    @TempDir
    Path dir;

    @Test
    void noConfigAnywhereIsUsage() {
        CliResult r = new CliRunner(Map.of(), dir).run("config", "validate");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("error: No config: no .cli.json in");
    }

    @Test
    void missingExplicitConfigIsUsage() {
        CliResult r = new CliRunner(Map.of(), dir).run("config", "show", "--config", "absent.json");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Config not found");
    }

    @Test
    void catalogWithoutConfigOrRuntimeIsUsage() {
        CliResult r = new CliRunner(Map.of(), dir).run("--state-dir", dir.toString(), "catalog", "list");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--demo");
    }
}
