package org.opencli.core.instance;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The contents of {@code runtime.json}: how CLIs find a running daemon for an instance.
 * {@code clientKey} is the daemon's random per-start owner key (local daemon without runtime auth):
 * whoever can read this owner-only file may use the daemon; null when the daemon does not use one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistryEntry(String instanceId, String url, long pid, String auditPath, String cacheDir, String configPath,
                            String clientKey) {

    public RegistryEntry(String instanceId, String url, long pid, String auditPath, String cacheDir, String configPath) {
        this(instanceId, url, pid, auditPath, cacheDir, configPath, null);
    }

    /** Never the key: this record's default toString would print it into logs. */
    @Override
    public String toString() {
        return "RegistryEntry[instanceId=" + instanceId + ", url=" + url + ", pid=" + pid + ", clientKey="
                + (clientKey == null ? "none" : "(set)") + "]";
    }
}
