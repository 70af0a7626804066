package org.opencli.core.engine;

import org.opencli.core.config.ConfigLoader;

/** Wires a {@link RuntimeEngine} with the standard config scopes and document fetcher. */
public final class RuntimeEngines {
    private RuntimeEngines() {
    }

    public static RuntimeEngine create(EngineSettings settings) {
        // PLACEHOLDER fetcher until the discovery work lands.
        return new RuntimeEngine(settings, ConfigLoader.standard(), (ref, baseDir, accept) -> {
            throw new UnsupportedOperationException("not yet implemented");
        });
    }
}
