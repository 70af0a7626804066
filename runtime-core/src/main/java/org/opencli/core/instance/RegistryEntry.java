package org.opencli.core.instance;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The contents of {@code runtime.json}: how CLIs find a running daemon for an instance. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistryEntry(String instanceId, String url, long pid, String auditPath, String cacheDir, String configPath) {
}
