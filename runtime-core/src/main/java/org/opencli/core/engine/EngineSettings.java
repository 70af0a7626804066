package org.opencli.core.engine;

import java.nio.file.Path;
import java.time.Clock;

/**
 * How an engine instance is set up.
 *
 * @param defaultConfig the config used when a request names none (null: requests must name one)
 * @param pinConfig     refuse requests naming a config other than {@code defaultConfig}
 * @param runtimeMode   {@code embedded}, {@code local} or {@code remote} (reported in runtime info)
 */
public record EngineSettings(
        Path defaultConfig,
        boolean pinConfig,
        String instanceId,
        Path stateDir,
        Path cacheDir,
        Path auditPath,
        String runtimeMode,
        Clock clock) {
}
