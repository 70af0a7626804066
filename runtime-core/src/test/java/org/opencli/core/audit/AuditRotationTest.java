package org.opencli.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencli.core.audit.AuditTesting.await;
import static org.opencli.core.audit.AuditTesting.record;
import static org.opencli.core.audit.AuditTesting.until;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.discovery.MutableClock;

/** Rotation by size and age, gzip of rotated files, retention by count and days; the chain spans files. */
class AuditRotationTest {
    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));

    private Path file() {
        return dir.resolve("audit.log");
    }

    private List<AuditFiles.Segment> rotated() {
        try {
            return AuditFiles.segments(file()).stream().filter(s -> !s.live()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void rotatesBySizeWithSortableNamesAndTheChainContinues() {
        try (DurableAuditLog log = new DurableAuditLog(file(), AuditSettings.defaults().withRotation(1024, 0, false),
                "i", clock)) {
            for (int i = 1; i <= 40; i++) await(log.append(record(i)));
            List<AuditFiles.Segment> rotated = rotated();
            assertThat(rotated).hasSizeGreaterThan(3);
            assertThat(rotated.get(0).firstSeq()).isEqualTo(1);
            for (int i = 1; i < rotated.size(); i++) {
                assertThat(rotated.get(i).firstSeq()).isEqualTo(rotated.get(i - 1).lastSeq() + 1);
            }
            assertThat(rotated.get(0).path().getFileName().toString()).matches("audit\\.log\\.0{19}1-\\d{20}");
            for (AuditFiles.Segment s : rotated) assertThat(size(s.path())).isLessThanOrEqualTo(1024);
            AuditVerification v = log.verify();
            assertThat(v.verified()).as(v.message()).isTrue();
            assertThat(v.records()).isEqualTo(40);
        }
    }

    @Test
    void rotatesByAgeOfTheLiveFile() {
        try (DurableAuditLog log = new DurableAuditLog(file(), AuditSettings.defaults().withRotation(0, 3600, false),
                "i", clock)) {
            await(log.append(record(1)));
            await(log.append(record(2)));
            clock.advance(Duration.ofMinutes(59));
            await(log.append(record(3)));
            assertThat(rotated()).isEmpty();
            clock.advance(Duration.ofMinutes(1));
            await(log.append(record(4)));
            assertThat(rotated()).singleElement().satisfies(s -> {
                assertThat(s.firstSeq()).isEqualTo(1);
                assertThat(s.lastSeq()).isEqualTo(3);
            });
            assertThat(AuditTesting.lines(file())).hasSize(1);
        }
    }

    @Test
    void gzipsRotatedFilesAndStillVerifiesAndReadsThem() {
        try (DurableAuditLog log = new DurableAuditLog(file(), AuditSettings.defaults().withRotation(1024, 0, true),
                "i", clock)) {
            for (int i = 1; i <= 30; i++) await(log.append(record(i)));
            until("rotated files are gzipped", () -> !rotated().isEmpty() && rotated().stream().allMatch(AuditFiles.Segment::gzip));
            assertThat(rotated().get(0).path().getFileName().toString()).endsWith(".gz");
            assertThat(log.verify().records()).isEqualTo(30);
            assertThat(log.query().page(AuditFilter.all(), null, 1000, false).events()).hasSize(30);
        }
    }

    @Test
    void keepsOnlyKeepFilesRotatedFilesAndVerificationAnchorsAtTheOldestKept() {
        try (DurableAuditLog log = new DurableAuditLog(file(),
                AuditSettings.defaults().withRotation(1024, 0, false).withRetention(2, 0), "i", clock)) {
            for (int i = 1; i <= 60; i++) await(log.append(record(i)));
            until("retention keeps two rotated files", () -> rotated().size() == 2);
            AuditVerification v = log.verify();
            assertThat(v.verified()).as(v.message()).isTrue();
            assertThat(v.anchored()).isTrue();
            assertThat(v.firstSeq()).isGreaterThan(1);
            assertThat(v.lastSeq()).isEqualTo(60);
            assertThat(v.message()).contains("anchored at seq " + v.firstSeq());
        }
    }

    @Test
    void deletesRotatedFilesOlderThanKeepDays() throws IOException {
        MutableClock now = new MutableClock(Instant.now());
        try (DurableAuditLog log = new DurableAuditLog(file(),
                AuditSettings.defaults().withRotation(0, 60, false).withRetention(0, 7), "i", now)) {
            await(log.append(record(1)));
            now.advance(Duration.ofMinutes(2));
            await(log.append(record(2))); // rotates seq 1 out
            until("the first rotation", () -> rotated().size() == 1);
            Path first = rotated().get(0).path();
            Files.setLastModifiedTime(first, java.nio.file.attribute.FileTime.from(now.instant().minus(Duration.ofDays(8))));
            now.advance(Duration.ofMinutes(2));
            await(log.append(record(3))); // rotates seq 2; retention finds seq 1's file 8 days old
            until("the old file is deleted", () -> rotated().size() == 1 && rotated().get(0).firstSeq() == 2);
            assertThat(first).doesNotExist();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
