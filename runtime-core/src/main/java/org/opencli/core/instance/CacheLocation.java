package org.opencli.core.instance;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Where an instance keeps its cache (fetched documents, catalog copies), one rule for the daemon and
 * the embedded engine, first match wins:
 * <ol>
 *   <li>{@code --cache-dir DIR} → {@code DIR/instances/<id>};</li>
 *   <li>{@code OCLI_CACHE_DIR} → {@code $OCLI_CACHE_DIR/instances/<id>};</li>
 *   <li>a state root given explicitly ({@code --state-dir}, {@code OCLI_STATE_DIR}) →
 *       {@code <state>/instances/<id>/cache}, so a self-contained state root stays self-contained;</li>
 *   <li>{@code $XDG_CACHE_HOME/oas-cli/instances/<id>};</li>
 *   <li>{@code ~/.cache/oas-cli/instances/<id>}.</li>
 * </ol>
 * Like the state root, the cache root is shared by instances and each gets its own directory below
 * it, so two instances never share a cache.
 */
public final class CacheLocation {
    public static final String ENV_CACHE_DIR = "OCLI_CACHE_DIR";

    private CacheLocation() {
    }

    /** The rule above with the process's environment and {@code user.home}. */
    public static Path resolve(String cacheDirOption, String stateDirOption, String instanceId) {
        return resolve(cacheDirOption, stateDirOption, instanceId, System::getenv, System.getProperty("user.home"));
    }

    /**
     * @param cacheDirOption {@code --cache-dir}, or null
     * @param stateDirOption {@code --state-dir}, or null (the state root is then explicit only through {@code OCLI_STATE_DIR})
     * @param env            environment lookup ({@code System::getenv})
     * @param userHome       the home directory ({@code user.home})
     */
    public static Path resolve(String cacheDirOption, String stateDirOption, String instanceId, UnaryOperator<String> env,
                               String userHome) {
        if (present(cacheDirOption)) return instanceDir(absolute(cacheDirOption), instanceId);
        String envCache = env.apply(ENV_CACHE_DIR);
        if (present(envCache)) return instanceDir(absolute(envCache), instanceId);
        String stateRoot = present(stateDirOption) ? stateDirOption : env.apply("OCLI_STATE_DIR");
        if (present(stateRoot)) return new StateLayout(absolute(stateRoot), instanceId).cacheDir();
        String xdg = env.apply("XDG_CACHE_HOME");
        Path root = present(xdg) ? absolute(xdg).resolve("oas-cli") : Path.of(userHome, ".cache", "oas-cli");
        return instanceDir(root, instanceId);
    }

    private static Path instanceDir(Path root, String instanceId) {
        return root.resolve("instances").resolve(instanceId);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static Path absolute(String value) {
        return Path.of(value).toAbsolutePath().normalize();
    }
}
