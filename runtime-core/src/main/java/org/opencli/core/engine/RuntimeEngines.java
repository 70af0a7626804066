package org.opencli.core.engine;

import org.opencli.core.config.ConfigLoader;
import org.opencli.core.discovery.DocumentFetchers;

/** Wires a {@link RuntimeEngine} with the standard config scopes and document fetcher. */
public final class RuntimeEngines {
    private RuntimeEngines() {
    }

    public static RuntimeEngine create(EngineSettings settings) {
        return new RuntimeEngine(settings, ConfigLoader.standard(),
                DocumentFetchers.standard(settings.cacheDir(), settings.clock()));
    }
}
