package org.opencli.service.lifecycle;

import java.time.Duration;
import org.opencli.core.config.RuntimeLocalConfig;

/**
 * {@code runtime.local} of the daemon's config with its defaults filled in (docs/configuration.md):
 * how sessions lease this daemon and whether it ends when they do.
 */
public record LocalSettings(String sessionScope, int heartbeatSeconds, int missedHeartbeatLimit, String shutdown,
        String share, String shareKey) {

    public static final String WHEN_OWNER_EXITS = "when-owner-exits";
    public static final String GROUP = "group";
    public static final LocalSettings DEFAULTS = new LocalSettings("terminal", 15, 4, WHEN_OWNER_EXITS, "exclusive", null);

    public static LocalSettings of(RuntimeLocalConfig local) {
        if (local == null) return DEFAULTS;
        return new LocalSettings(
                local.sessionScope() != null ? local.sessionScope() : DEFAULTS.sessionScope,
                local.heartbeatSeconds() != null ? local.heartbeatSeconds() : DEFAULTS.heartbeatSeconds,
                local.missedHeartbeatLimit() != null ? local.missedHeartbeatLimit() : DEFAULTS.missedHeartbeatLimit,
                local.shutdown() != null ? local.shutdown() : DEFAULTS.shutdown,
                local.share() != null ? local.share() : DEFAULTS.share,
                local.shareKey());
    }

    /** How long a lease without a live owner outlives its last heartbeat. */
    public Duration leaseWindow() {
        return Duration.ofSeconds((long) heartbeatSeconds * missedHeartbeatLimit);
    }

    public Duration heartbeat() {
        return Duration.ofSeconds(heartbeatSeconds);
    }

    public boolean endsWithOwners() {
        return WHEN_OWNER_EXITS.equals(shutdown);
    }

    public boolean sharedByGroup() {
        return GROUP.equals(share);
    }

    /** Never the share key. */
    @Override
    public String toString() {
        return "LocalSettings[sessionScope=" + sessionScope + ", heartbeatSeconds=" + heartbeatSeconds
                + ", missedHeartbeatLimit=" + missedHeartbeatLimit + ", shutdown=" + shutdown + ", share=" + share + "]";
    }
}
