package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code audit.syslog}: ship committed records as RFC 5424 syslog over TCP ({@code tls} for TLS) to
 * {@code host:port}, spilling to an on-disk backlog of at most {@code backlogMaxBytes} while the
 * collector is unreachable. {@code appName} defaults to {@code oclird}, {@code enabled} to true,
 * {@code backlogMaxBytes} to 16 MiB (see {@link #DEFAULT_APP_NAME} and friends).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditSyslogConfig(
        String host,
        Integer port,
        Boolean tls,
        String appName,
        Long backlogMaxBytes,
        Boolean enabled) {

    public static final String DEFAULT_APP_NAME = "oclird";
    public static final long DEFAULT_BACKLOG_MAX_BYTES = 16L * 1024 * 1024;

    public String appNameOrDefault() {
        return appName == null || appName.isBlank() ? DEFAULT_APP_NAME : appName;
    }

    public long backlogMaxBytesOrDefault() {
        return backlogMaxBytes == null ? DEFAULT_BACKLOG_MAX_BYTES : backlogMaxBytes;
    }

    public boolean enabledOrDefault() {
        return enabled == null || enabled;
    }

    public boolean tlsOrDefault() {
        return Boolean.TRUE.equals(tls);
    }
}
