package org.opencli.cli.runtime;

/**
 * What every request to the chosen runtime names. {@code config}: the config path sent (the local
 * project file for the embedded engine and for a local daemon found through the registry; for a
 * remote runtime only {@code runtime.remote.requestConfigPath}, else null: the runtime serves its
 * own). {@code defaultMode}/{@code defaultProfile}: the client config's choices, sent when no config
 * path carries them and the command line names none.
 */
public record RequestTarget(String config, String defaultMode, String defaultProfile) {

    public static final RequestTarget NONE = new RequestTarget(null, null, null);

    /** The local config itself goes with every request; the runtime reads its choices from it. */
    static RequestTarget localConfig(java.nio.file.Path configPath) {
        return new RequestTarget(configPath == null ? null : configPath.toAbsolutePath().normalize().toString(), null, null);
    }

    /** A remote runtime: the named config (if any) and the client's mode/profile choices. */
    static RequestTarget remote(ConfigRuntimeChoice choice) {
        return new RequestTarget(choice.requestConfigPath(), choice.defaultMode(), choice.defaultProfile());
    }

    /** {@code --mode} when given, else the client config's {@code mode.default}. */
    public String mode(String explicit) {
        return notBlank(explicit) ? explicit : defaultMode;
    }

    /**
     * {@code --agent-profile} when given; else the client config's default profile, but only in
     * curated mode — the same rule the runtime applies to a config's own {@code agents.defaultProfile}.
     */
    public String agentProfile(String explicitProfile, String explicitMode) {
        if (notBlank(explicitProfile)) return explicitProfile;
        return "curated".equals(mode(explicitMode)) ? defaultProfile : null;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
