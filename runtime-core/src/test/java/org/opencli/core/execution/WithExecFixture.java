package org.opencli.core.execution;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh {@link ExecFixture} (test upstream, config dir, engine) in a temporary directory per test; closed after. */
abstract class WithExecFixture {
    @TempDir
    Path dir;
    ExecFixture f;

    @BeforeEach
    void setUp() {
        f = new ExecFixture(dir);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }
}
