package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code audit}: how the runtime's audit store writes ({@code fsync}: always, batch or none; group
 * commit bounds), rotates, retains and ships its records. Every key is optional; absent keys take
 * the defaults documented in docs/audit.md.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditConfig(
        String fsync,
        Integer batchMaxRecords,
        Integer batchMaxDelayMs,
        AuditRotationConfig rotation,
        AuditRetentionConfig retention,
        AuditSyslogConfig syslog) {
}
