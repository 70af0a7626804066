package org.opencli.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helpers: scope files inside a temp dir, never the real /etc or home. */
final class ConfigFixtures {
    private ConfigFixtures() {
    }

    /** A loader whose managed and user scopes live under {@code root} (files may not exist). */
    static ConfigLoader loaderIn(Path root) {
        return new ConfigLoader(scopesIn(root));
    }

    static ConfigScopes scopesIn(Path root) {
        return new ConfigScopes(root.resolve("etc/oas-cli/.cli.json"), root.resolve("home/.config/oas-cli/.cli.json"));
    }

    static Path write(Path file, String json) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the classpath fixture {@code /config/<name>} to {@code file}. */
    static Path copy(String name, Path file) {
        try (InputStream in = ConfigFixtures.class.getResourceAsStream("/config/" + name)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + name);
            return write(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A project file with one openapi source named {@code orders} plus the given extra top-level JSON. */
    static String minimalWith(String extraTopLevel) {
        String extra = extraTopLevel.isBlank() ? "" : ", " + extraTopLevel;
        return "{\"cli\": \"1.0.0\", \"mode\": {\"default\": \"discover\"},"
                + " \"sources\": {\"orders\": {\"type\": \"openapi\", \"uri\": \"orders.yaml\"}}" + extra + "}";
    }
}
