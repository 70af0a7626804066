package org.opencli.fleet.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeycloakJavaTest {
    @TempDir
    Path dir;

    @Test
    void readsTheFeatureReleaseFromAJdksReleaseFile() throws Exception {
        assertThat(KeycloakJava.majorVersion(jdk("temurin", "JAVA_VERSION=\"25.0.1\"\nIMPLEMENTOR=\"Eclipse Adoptium\"\n"))).contains(25);
        assertThat(KeycloakJava.majorVersion(jdk("openjdk", "JAVA_VERSION=\"17.0.15\"\n"))).contains(17);
        assertThat(KeycloakJava.majorVersion(jdk("early", "JAVA_VERSION=\"21-ea\"\n"))).contains(21);
        assertThat(KeycloakJava.majorVersion(jdk("legacy", "JAVA_VERSION=\"1.8.0_402\"\n"))).contains(8);
    }

    @Test
    void aHomeWithoutAReadableVersionHasNone() throws Exception {
        assertThat(KeycloakJava.majorVersion(dir.resolve("missing"))).isEmpty();
        assertThat(KeycloakJava.majorVersion(jdk("garbled", "JAVA_VERSION=\"next\"\n"))).isEmpty();
    }

    @Test
    void findsAJdkOfAtLeast21OnThisMachine() {
        // CI guarantees one (.ci/run fails early otherwise); the fixture depends on it
        assertThat(KeycloakJava.majorVersion(KeycloakJava.find()).orElse(0)).isGreaterThanOrEqualTo(KeycloakJava.MIN_VERSION);
    }

    private Path jdk(String name, String release) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        Files.writeString(home.resolve("release"), release);
        return home;
    }
}
