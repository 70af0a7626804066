package org.opencli.core.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.opencli.core.config.CliConfig;
import org.opencli.core.config.LoadedConfig;
import org.opencli.core.discovery.DocumentFetchers;
import org.opencli.core.json.Json;

/** Test helpers: bind a config the way the engine will, and build catalogs with a fixed clock. */
public final class TestCatalogs {
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    private TestCatalogs() {
    }

    public static Path resource(String name) {
        try {
            return Path.of(TestCatalogs.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static LoadedConfig config(Path cliJson) {
        try {
            CliConfig cfg = Json.MAPPER.readValue(Files.readString(cliJson), CliConfig.class);
            return new LoadedConfig(cfg, cliJson.getParent(), List.of(cliJson), List.of(), "fp");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code json} as {@code .cli.json} into {@code dir} and binds it. */
    public static LoadedConfig config(Path dir, String json) {
        try {
            Path file = dir.resolve(".cli.json");
            Files.writeString(file, json);
            return config(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CatalogBuild build(LoadedConfig config, Path cacheDir) {
        return new CatalogBuilder(DocumentFetchers.standard(cacheDir, CLOCK), CLOCK).build(config);
    }

    /** A one-source config over {@code openapi} (written to {@code dir/name}) with no services configured. */
    public static Catalog catalogOf(Path dir, String name, String openapi) {
        try {
            Files.writeString(dir.resolve(name), openapi);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LoadedConfig cfg = config(dir, "{\"cli\":\"1.0.0\",\"mode\":{\"default\":\"discover\"},"
                + "\"sources\":{\"src\":{\"type\":\"openapi\",\"uri\":\"" + name + "\"}}}");
        return build(cfg, dir.resolve("cache")).catalog();
    }
}
