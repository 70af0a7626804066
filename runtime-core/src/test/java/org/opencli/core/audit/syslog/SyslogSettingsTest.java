package org.opencli.core.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SyslogSettingsTest {
    private static final Path DIR = Path.of("/tmp/backlog");

    @Test
    void defaults() {
        SyslogSettings s = SyslogSettings.of("siem.example.org", 6514, DIR);
        assertThat(s.tls()).isFalse();
        assertThat(s.appName()).isEqualTo("oclird");
        assertThat(s.backlogMaxBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(s.queueCapacity()).isEqualTo(4096);
        assertThat(s.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.withAppName(null).appName()).isEqualTo("oclird");
    }

    @Test
    void badValuesNameTheKeyAndWhatWasExpected() {
        assertThatThrownBy(() -> SyslogSettings.of(" ", 514, DIR))
                .hasMessage("invalid audit.syslog.host: expected a host name or address, got ' '");
        assertThatThrownBy(() -> SyslogSettings.of("h", 70000, DIR))
                .hasMessage("invalid audit.syslog.port: expected a TCP port between 1 and 65535, got '70000'");
        assertThatThrownBy(() -> SyslogSettings.of("h", 514, DIR).withAppName("has space"))
                .hasMessageStartingWith("invalid audit.syslog.appName: expected 1 to 48 printable US-ASCII");
        assertThatThrownBy(() -> SyslogSettings.of("h", 514, DIR).withBacklogMaxBytes(10))
                .hasMessage("invalid audit.syslog.backlogMaxBytes: expected at least 1024 bytes, got '10'");
        assertThatThrownBy(() -> SyslogSettings.of("h", 514, null))
                .hasMessage("invalid audit.syslog.backlogDir: expected a directory for the on-disk backlog, got nothing");
    }

    @Test
    void theTrustStorePasswordNeverPrints() {
        SyslogSettings s = SyslogSettings.of("h", 6514, DIR).withTls(Path.of("/etc/trust.p12"), "s3cret-pass");
        assertThat(s.toString()).doesNotContain("s3cret-pass").contains("trustStorePassword=***");
    }

    @Test
    void anUnreadableTrustStoreIsAClearErrorWithoutThePassword() {
        SyslogSettings s = SyslogSettings.of("127.0.0.1", 6514, DIR).withTls(Path.of("/nonexistent/trust.p12"),
                "s3cret-pass");
        assertThatThrownBy(() -> new SyslogAuditExporter(s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid audit.syslog.trustStorePath /nonexistent/trust.p12")
                .hasMessageNotContaining("s3cret-pass");
    }
}
