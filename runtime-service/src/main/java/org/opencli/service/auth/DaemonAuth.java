package org.opencli.service.auth;

import org.opencli.core.auth.TokenValidator;
import org.opencli.core.config.ServerAuthConfig;

/**
 * This daemon's runtime auth, read once at startup from its {@code --config}'s
 * {@code runtime.server.auth}. {@code config} null means auth is off (the loopback default).
 */
public record DaemonAuth(ServerAuthConfig config, TokenValidator validator) {

    public static DaemonAuth off() {
        return new DaemonAuth(null, null);
    }

    public boolean enabled() {
        return config != null;
    }
}
