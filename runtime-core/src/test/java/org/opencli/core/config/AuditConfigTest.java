package org.opencli.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.audit.AuditSettings;
import org.opencli.core.audit.FsyncMode;
import org.opencli.core.error.ProblemItem;

/** The {@code audit} block: optional keys, defaults, scope merge, and errors naming file and JSON path. */
class AuditConfigTest {
    @TempDir
    Path root;

    private LoadedConfig load(Path project) {
        return ConfigFixtures.loaderIn(root).load(project);
    }

    @Test
    void absentMeansDefaults() {
        Path project = ConfigFixtures.write(root.resolve("p/.cli.json"), ConfigFixtures.minimalWith(""));
        LoadedConfig loaded = load(project);
        assertThat(loaded.config().audit()).isNull();
        AuditSettings s = AuditSettings.from(loaded.config().audit());
        assertThat(s.fsync()).isEqualTo(FsyncMode.BATCH);
        assertThat(s.batchMaxRecords()).isEqualTo(256);
        assertThat(s.batchMaxDelayMs()).isEqualTo(1);
        assertThat(s.gzip()).isFalse();
    }

    @Test
    void bindsEveryKeyAndMergesScalarsLastNonEmptyWins() {
        Path project = ConfigFixtures.write(root.resolve("p/.cli.json"), ConfigFixtures.minimalWith("""
                "audit": {"fsync": "always", "batchMaxRecords": 64, "batchMaxDelayMs": 2,
                  "rotation": {"maxFileBytes": 1048576, "maxFileAgeSeconds": 86400, "gzip": true},
                  "retention": {"keepFiles": 10, "keepDays": 30},
                  "syslog": {"host": "siem.example", "port": 6514, "tls": true}}"""));
        ConfigFixtures.write(root.resolve("p/.cli.local.json"), """
                {"audit": {"fsync": "none", "rotation": {"gzip": false}}}""");
        AuditConfig audit = load(project).config().audit();
        AuditSettings s = AuditSettings.from(audit);
        assertThat(s.fsync()).isEqualTo(FsyncMode.NONE);
        assertThat(s.batchMaxRecords()).isEqualTo(64);
        assertThat(s.maxFileBytes()).isEqualTo(1048576);
        assertThat(s.maxFileAgeSeconds()).isEqualTo(86400);
        assertThat(s.gzip()).isFalse();
        assertThat(s.keepFiles()).isEqualTo(10);
        assertThat(s.keepDays()).isEqualTo(30);
        AuditSyslogConfig syslog = audit.syslog();
        assertThat(syslog.host()).isEqualTo("siem.example");
        assertThat(syslog.tlsOrDefault()).isTrue();
        assertThat(syslog.appNameOrDefault()).isEqualTo("oclird");
        assertThat(syslog.backlogMaxBytesOrDefault()).isEqualTo(16777216L);
        assertThat(syslog.enabledOrDefault()).isTrue();
    }

    @Test
    void unknownKeysAndBadValuesNameFileAndPath() {
        Path project = ConfigFixtures.write(root.resolve("p/.cli.json"), ConfigFixtures.minimalWith("""
                "audit": {"fsync": "sometimes", "rotation": {"maxBytes": 5}}"""));
        ConfigException error = catchThrowableOfType(ConfigException.class, () -> load(project));
        assertThat(error).isNotNull();
        assertThat(error.items()).extracting(ProblemItem::path)
                .contains("$.audit.fsync", "$.audit.rotation.maxBytes");
        assertThat(error.items()).allSatisfy(item -> assertThat(item.file()).endsWith(".cli.json"));
    }
}
