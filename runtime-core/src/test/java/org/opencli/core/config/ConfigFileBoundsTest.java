package org.opencli.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.error.ProblemItem;

/** A config path can name any readable file: what it holds never comes back, and reading it is bounded. */
class ConfigFileBoundsTest {
    private static final String CANARY = "CANARY-31c4-NEVER-ECHOED";

    @TempDir
    Path root;

    private ConfigException loadFails(Path project) {
        return catchThrowableOfType(ConfigException.class, () -> ConfigFixtures.loaderIn(root).load(project));
    }

    /** What a user reads: the items (the exception's own message is only their count). */
    private static String described(ConfigException error) {
        return String.join("\n", error.items().stream().map(ProblemItem::describe).toList());
    }

    @Test
    void aFileThatIsNotJsonIsNamedByLineAndColumnNeverQuoted() {
        Path project = ConfigFixtures.write(root.resolve("p/.cli.json"), CANARY + "=value\nOTHER=1\n");
        ConfigException error = loadFails(project);
        assertThat(described(error)).contains("line 1, column").doesNotContain(CANARY);
        assertThat(error.items()).extracting(ProblemItem::message).noneMatch(m -> m.contains(CANARY));
    }

    @Test
    void aBadTokenInsideJsonIsNotQuoted() {
        Path project = ConfigFixtures.write(root.resolve("p/.cli.json"), "{\"cli\": \"1\", \"mode\": " + CANARY + "}");
        ConfigException error = loadFails(project);
        assertThat(described(error)).contains("not well-formed JSON at line 1, column").doesNotContain(CANARY);
    }

    @Test
    void trailingDataAndDeepNestingAreNamedWithoutTheBytes() {
        Path trailing = ConfigFixtures.write(root.resolve("t/.cli.json"), "{\"cli\": \"1\"} " + CANARY);
        assertThat(described(loadFails(trailing))).doesNotContain(CANARY);
        Path deep = ConfigFixtures.write(root.resolve("d/.cli.json"),
                "{\"cli\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}");
        assertThat(described(loadFails(deep))).contains("nested too deeply");
    }

    @Test
    void aConfigOverTheSizeLimitIsRefusedWithoutBeingRead() throws Exception {
        Path project = ConfigFixtures.write(root.resolve("big/.cli.json"), "{}");
        try (RandomAccessFile f = new RandomAccessFile(project.toFile(), "rw")) {
            f.setLength(ConfigFileReader.MAX_BYTES + 1); // sparse
        }
        assertThat(described(loadFails(project))).contains("larger than " + ConfigFileReader.MAX_BYTES + " bytes");
    }
}
