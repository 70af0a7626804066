package org.opencli.core.audit.syslog;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how {@link SyslogAuditExporter} ships audit records. The config layer maps
 * {@code audit.syslog.*} onto this; see docs/audit-syslog.md.
 *
 * @param host            receiver host name or address
 * @param port            receiver TCP port (1..65535)
 * @param tls             RFC 5425 TLS; the server certificate must chain to the trust store and match {@code host}
 * @param appName         RFC 5424 APP-NAME (printable US-ASCII, at most 48 characters)
 * @param backlogMaxBytes bound of the on-disk backlog; the oldest records are dropped beyond it
 * @param backlogDir      directory owned by this exporter for its backlog (created when missing)
 * @param trustStorePath  a PKCS12/JKS trust store for TLS; null means the JVM default trust store
 * @param trustStorePassword password of {@code trustStorePath}; null when it has none
 * @param queueCapacity   in-memory records waiting for the sender before they spill to disk
 * @param maxBackoff      cap of the exponential reconnect backoff
 * @param closeTimeout    how long {@code close()} tries to ship before persisting the rest to the backlog
 */
public record SyslogSettings(
        String host,
        int port,
        boolean tls,
        String appName,
        long backlogMaxBytes,
        Path backlogDir,
        Path trustStorePath,
        String trustStorePassword,
        int queueCapacity,
        Duration maxBackoff,
        Duration closeTimeout) {

    public static final String DEFAULT_APP_NAME = "oclird";
    public static final long DEFAULT_BACKLOG_MAX_BYTES = 64L * 1024 * 1024;
    public static final int DEFAULT_QUEUE_CAPACITY = 4096;
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(2);

    public SyslogSettings {
        require(host != null && !host.isBlank(), "audit.syslog.host", "a host name or address", host);
        require(port > 0 && port < 65536, "audit.syslog.port", "a TCP port between 1 and 65535", port);
        if (appName == null || appName.isBlank()) appName = DEFAULT_APP_NAME;
        require(appName.length() <= 48 && appName.chars().allMatch(c -> c >= 33 && c <= 126), "audit.syslog.appName",
                "1 to 48 printable US-ASCII characters without spaces (RFC 5424 APP-NAME)", appName);
        require(backlogMaxBytes >= 1024, "audit.syslog.backlogMaxBytes", "at least 1024 bytes", backlogMaxBytes);
        require(backlogDir != null, "audit.syslog.backlogDir", "a directory for the on-disk backlog", null);
        require(queueCapacity > 0, "audit.syslog.queueCapacity", "a positive number of records", queueCapacity);
        if (maxBackoff == null) maxBackoff = DEFAULT_MAX_BACKOFF;
        require(!maxBackoff.isNegative() && !maxBackoff.isZero(), "audit.syslog.maxBackoff", "a positive duration",
                maxBackoff);
        if (closeTimeout == null) closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        require(!closeTimeout.isNegative(), "audit.syslog.closeTimeout", "zero or a positive duration", closeTimeout);
    }

    /** Plain TCP to {@code host:port} with every other setting at its default. */
    public static SyslogSettings of(String host, int port, Path backlogDir) {
        return new SyslogSettings(host, port, false, DEFAULT_APP_NAME, DEFAULT_BACKLOG_MAX_BYTES, backlogDir, null,
                null, DEFAULT_QUEUE_CAPACITY, DEFAULT_MAX_BACKOFF, DEFAULT_CLOSE_TIMEOUT);
    }

    public SyslogSettings withTls(Path trustStore, String password) {
        return new SyslogSettings(host, port, true, appName, backlogMaxBytes, backlogDir, trustStore, password,
                queueCapacity, maxBackoff, closeTimeout);
    }

    public SyslogSettings withAppName(String value) {
        return new SyslogSettings(host, port, tls, value, backlogMaxBytes, backlogDir, trustStorePath,
                trustStorePassword, queueCapacity, maxBackoff, closeTimeout);
    }

    public SyslogSettings withBacklogMaxBytes(long value) {
        return new SyslogSettings(host, port, tls, appName, value, backlogDir, trustStorePath, trustStorePassword,
                queueCapacity, maxBackoff, closeTimeout);
    }

    public SyslogSettings withQueueCapacity(int value) {
        return new SyslogSettings(host, port, tls, appName, backlogMaxBytes, backlogDir, trustStorePath,
                trustStorePassword, value, maxBackoff, closeTimeout);
    }

    public SyslogSettings withMaxBackoff(Duration value) {
        return new SyslogSettings(host, port, tls, appName, backlogMaxBytes, backlogDir, trustStorePath,
                trustStorePassword, queueCapacity, value, closeTimeout);
    }

    public SyslogSettings withCloseTimeout(Duration value) {
        return new SyslogSettings(host, port, tls, appName, backlogMaxBytes, backlogDir, trustStorePath,
                trustStorePassword, queueCapacity, maxBackoff, value);
    }

    /** Never prints the trust store password. */
    @Override
    public String toString() {
        return "SyslogSettings[host=" + host + ", port=" + port + ", tls=" + tls + ", appName=" + appName
                + ", backlogMaxBytes=" + backlogMaxBytes + ", backlogDir=" + backlogDir + ", trustStorePath="
                + trustStorePath + ", trustStorePassword=" + (trustStorePassword == null ? "null" : "***")
                + ", queueCapacity=" + queueCapacity + ", maxBackoff=" + maxBackoff + ", closeTimeout="
                + closeTimeout + "]";
    }

    private static void require(boolean ok, String key, String expected, Object actual) {
        if (!ok) {
            throw new IllegalArgumentException("invalid " + key + ": expected " + expected + ", got "
                    + (actual == null ? "nothing" : "'" + actual + "'"));
        }
    }
}
