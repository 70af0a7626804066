package org.opencli.core.instance;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The contents of {@code runtime.json}: how CLIs find a running daemon for an instance.
 * {@code clientKey} is the daemon's random per-start owner key (local daemon without runtime auth):
 * whoever can read this owner-only file may use the daemon; null when the daemon does not use one.
 * {@code managed}: started by ocli, its life governed by leases. {@code startedAt}: the daemon
 * process's start instant (ISO-8601), so a pid reused by another program is told apart.
 * {@code configFingerprint}: {@link org.opencli.core.config.ConfigFiles#fingerprint} of its config
 * at start. {@code children}: processes the daemon started, ended with it when the entry is stale.
 * Files written before these fields existed still read (absent: false, null, empty).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistryEntry(String instanceId, String url, long pid, String auditPath, String cacheDir, String configPath,
        String clientKey, boolean managed, String startedAt, String configFingerprint,
        List<ProcessIdentity> children) {

    public RegistryEntry {
        children = children == null ? List.of() : List.copyOf(children);
    }

    public RegistryEntry(String instanceId, String url, long pid, String auditPath, String cacheDir, String configPath,
                         String clientKey) {
        this(instanceId, url, pid, auditPath, cacheDir, configPath, clientKey, false, null, null, List.of());
    }

    public RegistryEntry(String instanceId, String url, long pid, String auditPath, String cacheDir, String configPath) {
        this(instanceId, url, pid, auditPath, cacheDir, configPath, null);
    }

    /** The daemon process this entry names: its pid and, when recorded, its start instant. */
    public ProcessIdentity process() {
        return new ProcessIdentity(pid, startedAt);
    }

    /** Never the key: this record's default toString would print it into logs. */
    @Override
    public String toString() {
        return "RegistryEntry[instanceId=" + instanceId + ", url=" + url + ", pid=" + pid + ", managed=" + managed
                + ", clientKey=" + (clientKey == null ? "none" : "(set)") + "]";
    }
}
