package org.opencli.core.engine;

import java.nio.file.Path;
import java.time.Clock;
import org.opencli.core.config.ConfigLoader;
import org.opencli.core.config.ConfigScopes;
import org.opencli.core.discovery.DocumentFetchers;
import org.opencli.core.discovery.DocumentLimits;

/** An embedded engine over {@code config}, its state, cache, audit log and config scopes all under {@code dir}. */
final class EmbeddedEngines {
    private EmbeddedEngines() {
    }

    static RuntimeEngine under(Path dir, Path config) {
        return under(dir, config, DocumentLimits.DEFAULTS);
    }

    static RuntimeEngine under(Path dir, Path config, DocumentLimits limits) {
        EngineSettings settings = new EngineSettings(config, true, "test", dir.resolve("state"), dir.resolve("state/cache"),
                dir.resolve("state/audit.log"), "embedded", Clock.systemUTC());
        return new RuntimeEngine(settings, new ConfigLoader(new ConfigScopes(dir.resolve("m.json"), dir.resolve("u.json"))),
                DocumentFetchers.standard(dir.resolve("state/cache"), Clock.systemUTC(), limits));
    }
}
