package org.opencli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.opencli.cli.support.FakeRuntime;
import org.opencli.core.json.Json;

/** The packaged Quarkus entry point: CDI factory, banner off, exit codes. */
@QuarkusMainTest
class OcliMainTest {

    @Test
    @Launch({"--help"})
    void helpNeedsNothingAndDocumentsExitCodes(LaunchResult result) {
        assertThat(result.getOutput()).contains("Usage: ocli", "catalog", "explain", "init", "Exit codes:",
                "8  runtime unreachable");
        assertThat(result.getOutput()).doesNotContain("Quarkus", "__  ____");
    }

    @Test
    @Launch({"--version"})
    void version(LaunchResult result) {
        assertThat(result.getOutput()).startsWith("ocli ").doesNotContain("unknown");
    }

    @Test
    @Launch(value = {"no-such-command"}, exitCode = 2)
    void unknownCommandIsUsage(LaunchResult result) {
        assertThat(result.getErrorOutput()).contains("ocli: unknown command 'no-such-command' for 'ocli'", "Run 'ocli --help' for usage.");
    }

    @Test
    @Launch(value = {"--format", "xml", "catalog", "list"}, exitCode = 2)
    void badFormatIsUsage(LaunchResult result) {
        assertThat(result.getErrorOutput()).contains("not a format");
    }

    @Test
    void catalogListAgainstADaemon(QuarkusMainLauncher launcher) throws Exception {
        try (FakeRuntime runtime = new FakeRuntime()) {
            LaunchResult result = launcher.launch("--runtime", runtime.url(), "catalog", "list", "--format", "json");
            assertThat(result.exitCode()).isZero();
            JsonNode out = Json.MAPPER.readTree(result.getOutput());
            assertThat(out).isEqualTo(Json.MAPPER.readTree(FakeRuntime.CATALOG));
            LaunchResult help = launcher.launch("--runtime", runtime.url(), "hd", "tickets", "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.getOutput()).contains("get-ticket", "Get a ticket");
        }
    }
}
