package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code audit.rotation}: start a new file past {@code maxFileBytes} or {@code maxFileAgeSeconds}; gzip rotated files. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditRotationConfig(Long maxFileBytes, Long maxFileAgeSeconds, Boolean gzip) {
}
