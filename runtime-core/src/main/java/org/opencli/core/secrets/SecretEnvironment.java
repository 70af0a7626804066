package org.opencli.core.secrets;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * What secret resolution may use: environment lookup (a seam so tests can pass a map), the config's
 * base directory for relative file paths, whether exec secrets are allowed, the clock for token
 * expiry, where instance-scoped tokens are stored, and the command timeout.
 */
public record SecretEnvironment(
        Function<String, String> env,
        Path baseDir,
        boolean allowExecSecrets,
        Clock clock,
        Path tokenDir,
        Duration commandTimeout) {
}
