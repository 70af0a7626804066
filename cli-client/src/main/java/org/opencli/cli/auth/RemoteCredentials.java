package org.opencli.cli.auth;

import org.opencli.core.config.RemoteOAuthConfig;

/**
 * How ocli gets a token for the chosen remote runtime and where that came from ({@code source},
 * shown by {@code ocli auth status}): the environment, a config file, or — with {@code oauth} null —
 * a cached sign-in or nothing.
 */
public record RemoteCredentials(RemoteOAuthConfig oauth, String source) {
    public static final RemoteCredentials NONE = new RemoteCredentials(null, null);

    /** Credentials from {@code OCLI_*} variables ({@link EnvCredentials}), not from a file. */
    public boolean fromEnvironment() {
        return source != null && source.startsWith(EnvCredentials.SOURCE);
    }
}
