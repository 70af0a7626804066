package org.opencli.cli.exec;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.runtime.RuntimeResolver;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;
import org.opencli.cli.support.FakeRuntime;

/** A fake daemon and a CLI pointed at it, for the tool-execution tests. */
abstract class ExecFixture {
    @TempDir
    Path dir;
    FakeRuntime runtime;
    CliRunner cli;

    @BeforeEach
    void start() throws Exception {
        runtime = new FakeRuntime();
        cli = new CliRunner(Map.of(RuntimeResolver.ENV_RUNTIME_URL, runtime.url()), dir);
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    CliResult ocli(String... args) {
        return cli.run(args);
    }
}
