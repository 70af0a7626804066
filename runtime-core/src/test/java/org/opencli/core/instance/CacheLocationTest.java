package org.opencli.core.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cache root rule, first match wins: --cache-dir, OCLI_CACHE_DIR, explicit state root, XDG_CACHE_HOME, ~/.cache. */
class CacheLocationTest {
    private final Map<String, String> env = new HashMap<>();

    private Path resolve(String cacheDir, String stateDir) {
        return CacheLocation.resolve(cacheDir, stateDir, "team", env::get, "/home/u");
    }

    @Test
    void eachStepWinsOverTheOnesAfterIt() {
        assertThat(resolve(null, null)).isEqualTo(Path.of("/home/u/.cache/oas-cli/instances/team"));
        env.put("XDG_CACHE_HOME", "/xdg/cache");
        assertThat(resolve(null, null)).isEqualTo(Path.of("/xdg/cache/oas-cli/instances/team"));
        env.put("OCLI_STATE_DIR", "/env/state");
        assertThat(resolve(null, null)).isEqualTo(Path.of("/env/state/instances/team/cache"));
        assertThat(resolve(null, "/flag/state")).isEqualTo(Path.of("/flag/state/instances/team/cache"));
        env.put("OCLI_CACHE_DIR", "/env/cache");
        assertThat(resolve(null, "/flag/state")).isEqualTo(Path.of("/env/cache/instances/team"));
        assertThat(resolve("/flag/cache", "/flag/state")).isEqualTo(Path.of("/flag/cache/instances/team"));
    }

    @Test
    void blankValuesAreNotGivenAndRelativeOnesAreMadeAbsolute() {
        env.put("OCLI_CACHE_DIR", " ");
        env.put("XDG_CACHE_HOME", "");
        assertThat(resolve("", "")).isEqualTo(Path.of("/home/u/.cache/oas-cli/instances/team"));
        assertThat(resolve("rel/cache", null)).isEqualTo(Path.of("rel/cache").toAbsolutePath().resolve("instances/team"));
    }

    @Test
    void twoInstancesNeverShareACache() {
        env.put("OCLI_CACHE_DIR", "/shared");
        Path a = CacheLocation.resolve(null, null, "a", env::get, "/home/u");
        Path b = CacheLocation.resolve(null, null, "b", env::get, "/home/u");
        assertThat(a).isNotEqualTo(b);
    }
}
