package org.opencli.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.config.ConfigLoader;
import org.opencli.core.config.ConfigScopes;
import org.opencli.core.config.LoadedConfig;

/** Config reuse: files looked at on every load without a window; within one, not at all; after it, again. */
class ConfigCacheTest {
    @TempDir
    Path dir;
    Path config;
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    ConfigLoader loader;

    @BeforeEach
    void write() throws IOException {
        config = dir.resolve(".cli.json");
        Files.writeString(config, configWithMode("discover"));
        loader = new ConfigLoader(new ConfigScopes(dir.resolve("managed.json"), dir.resolve("user.json")));
    }

    private static String configWithMode(String mode) {
        return "{\"cli\": \"1.0.0\", \"mode\": {\"default\": \"" + mode + "\"}, \"sources\": {\"api\": {\"type\": \"openapi\", \"uri\": \"./api.yaml\"}}}";
    }

    private ConfigCache cache(Duration window) {
        return new ConfigCache(loader, new FreshnessWindow(window, nanos::get));
    }

    private static String mode(LoadedConfig c) {
        return c.config().mode().defaultMode();
    }

    @Test
    void withoutAWindowAnEditIsSeenOnTheNextLoadAndAnUnchangedFileIsReused() throws IOException {
        ConfigCache cache = cache(Duration.ZERO);
        LoadedConfig first = cache.load(config);
        assertThat(cache.load(config)).isSameAs(first);
        assertThat(cache.recent(config)).isNull(); // nothing counts as recently checked without a window
        Files.writeString(config, configWithMode("curated"));
        assertThat(mode(cache.load(config))).isEqualTo("curated");
    }

    @Test
    void withinTheWindowFilesAreNotLookedAtAndAfterItAnEditIsSeen() throws IOException {
        ConfigCache cache = cache(Duration.ofSeconds(1));
        assertThat(cache.recent(config)).isNull(); // never loaded
        LoadedConfig first = cache.load(config);
        assertThat(cache.recent(config)).isSameAs(first);

        Files.writeString(config, configWithMode("curated"));
        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(cache.load(config)).isSameAs(first); // inside the window: the edit is not looked for
        assertThat(cache.recent(config)).isSameAs(first);

        nanos.addAndGet(Duration.ofMillis(2).toNanos());
        assertThat(cache.recent(config)).isNull(); // window over: a non-blocking caller must go and look
        LoadedConfig second = cache.load(config);
        assertThat(mode(second)).isEqualTo("curated");
        assertThat(cache.recent(config)).isSameAs(second);
    }
}
