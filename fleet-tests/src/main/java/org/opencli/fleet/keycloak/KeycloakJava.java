package org.opencli.fleet.keycloak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The JDK that runs Keycloak: Keycloak 26 needs Java 21 or newer while the project builds on 17, so
 * it is looked up apart from the build's own JDK — {@code KEYCLOAK_JAVA_HOME} first, then the
 * installed JDKs under {@code /usr/lib/jvm} (newest first), read from their {@code release} files.
 */
public final class KeycloakJava {
    static final int MIN_VERSION = 21;
    private static final Path JVM_DIR = Path.of("/usr/lib/jvm");

    private KeycloakJava() {
    }

    /** The JDK home to run Keycloak with, or a clear error naming what was looked at. */
    public static Path find() {
        String explicit = System.getenv("KEYCLOAK_JAVA_HOME");
        if (explicit != null && !explicit.isBlank()) {
            Path home = Path.of(explicit);
            int version = majorVersion(home).orElse(0);
            if (!Files.isExecutable(home.resolve("bin/java")) || version < MIN_VERSION) {
                throw new IllegalStateException("KEYCLOAK_JAVA_HOME=" + explicit + " is not a JDK " + MIN_VERSION
                        + " or newer (found " + (version == 0 ? "no readable release file or bin/java" : "Java " + version)
                        + "); Keycloak 26 needs Java " + MIN_VERSION + "+");
            }
            return home;
        }
        List<String> seen = new ArrayList<>();
        try (Stream<Path> homes = Files.isDirectory(JVM_DIR) ? Files.list(JVM_DIR) : Stream.empty()) {
            Optional<Path> best = homes
                    .filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .peek(home -> seen.add(home.getFileName() + "=" + majorVersion(home).orElse(0)))
                    .filter(home -> majorVersion(home).orElse(0) >= MIN_VERSION)
                    .max(Comparator.comparingInt((Path home) -> majorVersion(home).orElse(0)).thenComparing(Path::toString));
            if (best.isPresent()) return best.get();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + JVM_DIR + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("no JDK " + MIN_VERSION + "+ for Keycloak: KEYCLOAK_JAVA_HOME is unset and "
                + JVM_DIR + " holds " + (seen.isEmpty() ? "no JDK" : String.join(", ", seen))
                + "; install one (e.g. temurin-25-jdk) or set KEYCLOAK_JAVA_HOME");
    }

    /** The feature release of a JDK home from its {@code release} file (JAVA_VERSION="25.0.1" → 25). */
    static Optional<Integer> majorVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) return Optional.empty();
        Properties props = new Properties();
        try (var in = Files.newBufferedReader(release)) {
            props.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        String version = props.getProperty("JAVA_VERSION", "").replace("\"", "").trim();
        if (version.startsWith("1.")) version = version.substring(2);
        String major = version.split("[.+-]", 2)[0];
        try {
            return Optional.of(Integer.parseInt(major));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
