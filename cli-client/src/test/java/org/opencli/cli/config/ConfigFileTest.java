package org.opencli.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;

/** Failures to write a config are told in words and as usage errors (the user chose where it lives). */
class ConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void aDirectoryThatCannotBeWrittenIsNamedInWords() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Path config = Files.writeString(project.resolve(".cli.json"), "{\"cli\": \"1.0.0\"}\n");
        ConfigFile file = ConfigFile.open(config, p -> {});
        Files.delete(config);
        Files.delete(project); // root ignores directory modes; a vanished directory fails for everyone

        CliException e = catchThrowableOfType(() -> file.save(p -> {}), CliException.class);
        assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(e.problem().detail()).isEqualTo(config + ": cannot write in " + project + " (no such file or directory); nothing was changed")
                .doesNotContain("Exception");
    }

    @Test
    void aModeWithoutOwnerWriteIsReadOnlyWhoeverAsks() throws Exception {
        Path config = Files.writeString(dir.resolve(".cli.json"), "{\"cli\": \"1.0.0\"}\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("r--r-----"));
        ConfigFile file = ConfigFile.open(config, p -> {});
        CliException e = catchThrowableOfType(file::requireWritable, CliException.class);
        assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(e.problem().detail()).isEqualTo(config + " is read-only (mode 0440); nothing was changed");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        file.requireWritable();
    }
}
