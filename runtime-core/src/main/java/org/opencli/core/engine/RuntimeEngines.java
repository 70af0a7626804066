package org.opencli.core.engine;

import org.opencli.core.config.ConfigLoader;
import org.opencli.core.discovery.DocumentFetchers;
import org.opencli.core.discovery.DocumentLimits;

/** Wires a {@link RuntimeEngine} with the standard config scopes, document fetcher and execution defaults. */
public final class RuntimeEngines {
    private RuntimeEngines() {
    }

    /** JDK HTTP client for upstream calls, JSONL audit at {@code settings.auditPath()}, default limits. */
    public static RuntimeEngine create(EngineSettings settings) {
        return create(settings, ExecutionSetup.defaults());
    }

    /** The daemon passes its own upstream client (e.g. Vert.x) and audit sink here. */
    public static RuntimeEngine create(EngineSettings settings, ExecutionSetup setup) {
        return new RuntimeEngine(settings, ConfigLoader.standard(), DocumentFetchers.standard(settings.cacheDir(),
                settings.clock(), DocumentLimits.fromEnvironment(setup.env())), setup);
    }
}
