package org.opencli.core.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How an engine instance is set up.
 *
 * @param defaultConfig the config used when a request names none (null: requests must name one)
 * @param pinConfig     refuse requests naming a config other than {@code defaultConfig}
 * @param runtimeMode   {@code embedded}, {@code local} or {@code remote} (reported in runtime info)
 * @param fileCheckInterval how long a loaded config or a catalog built from local files is reused
 *                      before their files are looked at again (ZERO: on every request). A daemon
 *                      uses a short interval so a hot execution does no file-system calls.
 */
public record EngineSettings(
        Path defaultConfig,
        boolean pinConfig,
        String instanceId,
        Path stateDir,
        Path cacheDir,
        Path auditPath,
        String runtimeMode,
        Clock clock,
        Duration fileCheckInterval) {

    public EngineSettings {
        if (fileCheckInterval == null || fileCheckInterval.isNegative()) fileCheckInterval = Duration.ZERO;
    }

    /** Files are looked at on every request (embedded mode: one process per command). */
    public EngineSettings(Path defaultConfig, boolean pinConfig, String instanceId, Path stateDir, Path cacheDir,
                          Path auditPath, String runtimeMode, Clock clock) {
        this(defaultConfig, pinConfig, instanceId, stateDir, cacheDir, auditPath, runtimeMode, clock, Duration.ZERO);
    }
}
