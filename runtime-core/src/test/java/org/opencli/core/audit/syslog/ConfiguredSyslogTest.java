package org.opencli.core.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.config.AuditConfig;
import org.opencli.core.config.AuditSyslogConfig;

/** {@code audit.syslog} in a config becomes the exporter's settings, its backlog next to the audit file. */
class ConfiguredSyslogTest {
    @TempDir
    Path dir;

    private static AuditConfig audit(AuditSyslogConfig syslog) {
        return new AuditConfig(null, null, null, null, null, syslog);
    }

    @Test
    void noBlockOrDisabledMeansNoExporter() {
        Path file = dir.resolve("audit.log");
        assertThat(ConfiguredSyslog.settings(null, file)).isNull();
        assertThat(ConfiguredSyslog.settings(audit(null), file)).isNull();
        assertThat(ConfiguredSyslog.exporters(audit(new AuditSyslogConfig("127.0.0.1", 514, null, null, null, false)), file))
                .isEmpty();
    }

    @Test
    void mapsTheKeysWithTheirDefaultsAndPutsTheBacklogBesideTheAuditFile() {
        SyslogSettings s = ConfiguredSyslog.settings(audit(new AuditSyslogConfig("siem.example.org", 6514, true, null, null, null)),
                dir.resolve("instances/x/audit.log"));
        assertThat(s.host()).isEqualTo("siem.example.org");
        assertThat(s.port()).isEqualTo(6514);
        assertThat(s.tls()).isTrue();
        assertThat(s.trustStorePath()).isNull();
        assertThat(s.appName()).isEqualTo("oclird");
        assertThat(s.backlogMaxBytes()).isEqualTo(AuditSyslogConfig.DEFAULT_BACKLOG_MAX_BYTES);
        assertThat(s.backlogDir()).isEqualTo(dir.resolve("instances/x/syslog-backlog").toAbsolutePath().normalize());

        SyslogSettings custom = ConfiguredSyslog.settings(audit(new AuditSyslogConfig("127.0.0.1", 601, false, "ocli-prod",
                4096L, true)), dir.resolve("audit.log"));
        assertThat(custom.tls()).isFalse();
        assertThat(custom.appName()).isEqualTo("ocli-prod");
        assertThat(custom.backlogMaxBytes()).isEqualTo(4096);
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> ConfiguredSyslog.settings(audit(new AuditSyslogConfig("127.0.0.1", 514, null, null, 10L, null)),
                dir.resolve("audit.log")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("audit.syslog.backlogMaxBytes").hasMessageContaining("at least 1024");
        assertThatThrownBy(() -> ConfiguredSyslog.settings(audit(new AuditSyslogConfig("127.0.0.1", null, null, null, null, null)),
                dir.resolve("audit.log")))
                .hasMessageContaining("audit.syslog.port");
    }
}
