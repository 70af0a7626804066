package org.opencli.core.audit.syslog;

import java.nio.file.Path;
import java.util.List;
import org.opencli.core.audit.AuditExporter;
import org.opencli.core.config.AuditConfig;
import org.opencli.core.config.AuditSyslogConfig;

/**
 * Creates the syslog exporter the {@code audit.syslog} block of a config asks for. Its backlog lives
 * next to the audit file ({@code <audit dir>/syslog-backlog}), so it belongs to the same instance.
 */
public final class ConfiguredSyslog {
    public static final String BACKLOG_DIR = "syslog-backlog";

    private ConfiguredSyslog() {
    }

    /** The settings for {@code audit.syslog}, or null when the block is absent or {@code enabled: false}. */
    public static SyslogSettings settings(AuditConfig config, Path auditFile) {
        AuditSyslogConfig s = config == null ? null : config.syslog();
        if (s == null || !s.enabledOrDefault()) return null;
        Path dir = auditFile.toAbsolutePath().normalize().getParent().resolve(BACKLOG_DIR);
        SyslogSettings settings = SyslogSettings.of(s.host(), s.port() == null ? 0 : s.port(), dir)
                .withAppName(s.appNameOrDefault())
                .withBacklogMaxBytes(s.backlogMaxBytesOrDefault());
        return s.tlsOrDefault() ? settings.withTls(null, null) : settings;
    }

    /** Zero or one exporter; invalid settings are refused with the key, what was expected and what was given. */
    public static List<AuditExporter> exporters(AuditConfig config, Path auditFile) {
        SyslogSettings settings = settings(config, auditFile);
        return settings == null ? List.of() : List.of(new SyslogAuditExporter(settings));
    }
}
