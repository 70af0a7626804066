package org.opencli.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine-free fingerprint equals the loader's over the same four scopes, and follows each of them. */
class ConfigFilesTest {
    @TempDir
    Path root;

    @Test
    void equalsTheLoadersFingerprintOverAllFourScopes() {
        ConfigScopes scopes = ConfigFixtures.scopesIn(root);
        Path project = ConfigFixtures.copy("valid/minimal.cli.json", root.resolve("proj/.cli.json"));
        assertThat(ConfigFiles.fingerprint(project, scopes)).isEqualTo(new ConfigLoader(scopes).load(project).fingerprint());

        ConfigFixtures.write(scopes.managed(), "{}");
        ConfigFixtures.write(scopes.user(), "{ }");
        ConfigFixtures.write(root.resolve("proj/.cli.local.json"), "{}");
        LoadedConfig loaded = new ConfigLoader(scopes).load(project);
        assertThat(loaded.files()).hasSize(4);
        assertThat(ConfigFiles.fingerprint(project, scopes)).isEqualTo(loaded.fingerprint());
    }

    @Test
    void followsEveryScopeFile() throws Exception {
        ConfigScopes scopes = ConfigFixtures.scopesIn(root);
        Path project = ConfigFixtures.copy("valid/minimal.cli.json", root.resolve("proj/.cli.json"));
        String first = ConfigFiles.fingerprint(project, scopes);
        assertThat(ConfigFiles.fingerprint(project, scopes)).isEqualTo(first);

        ConfigFixtures.write(scopes.user(), "{}");
        String withUser = ConfigFiles.fingerprint(project, scopes);
        ConfigFixtures.write(scopes.managed(), "{}");
        String withManaged = ConfigFiles.fingerprint(project, scopes);
        ConfigFixtures.write(root.resolve("proj/.cli.local.json"), "{}");
        String withLocal = ConfigFiles.fingerprint(project, scopes);
        Files.writeString(project, Files.readString(project) + " ");
        String edited = ConfigFiles.fingerprint(project, scopes);

        assertThat(java.util.List.of(first, withUser, withManaged, withLocal, edited)).doesNotHaveDuplicates()
                .allMatch(f -> f.matches("[0-9a-f]{64}"));
    }

    @Test
    void aMissingProjectFileIsALocatedError() {
        Path missing = root.resolve("nowhere/.cli.json");
        assertThatThrownBy(() -> ConfigFiles.fingerprint(missing, ConfigFixtures.scopesIn(root)))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.items().get(0).file()).isEqualTo(missing.toString());
                    assertThat(e.items().get(0).message()).isEqualTo("config file not found");
                });
    }

    @Test
    void aScopeThatIsNotARegularFileIsLeftOutAsTheLoaderDoes() throws Exception {
        ConfigScopes scopes = ConfigFixtures.scopesIn(root);
        Path project = ConfigFixtures.copy("valid/minimal.cli.json", root.resolve("proj/.cli.json"));
        Files.createDirectories(scopes.user()); // a directory where the user file would be
        assertThat(ConfigFiles.fingerprint(project, scopes)).isEqualTo(new ConfigLoader(scopes).load(project).fingerprint());
    }
}
