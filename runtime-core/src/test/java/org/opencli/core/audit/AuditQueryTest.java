package org.opencli.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencli.core.audit.AuditTesting.await;
import static org.opencli.core.audit.AuditTesting.until;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filters, order and cursor paging, streamed across rotated, gzipped and live files. */
class AuditQueryTest {
    @TempDir
    Path dir;
    DurableAuditLog log;

    /** 100 records one minute apart; even seqs are allowed, odd denied; rotated (gzipped) every ~1 KiB. */
    @BeforeEach
    void records() {
        log = new DurableAuditLog(dir.resolve("audit.log"), AuditSettings.defaults().withRotation(2048, 0, true), "i",
                Clock.systemUTC());
        Instant start = Instant.parse("2026-05-01T00:00:00Z");
        for (int i = 1; i <= 100; i++) {
            await(log.append(AuditTesting.record("svc:t" + (i % 3), i % 2 == 0 ? "allow" : "deny",
                    start.plusSeconds(60L * (i - 1)).toString())));
        }
        until("rotated files are gzipped", () -> {
            try {
                List<AuditFiles.Segment> rotated = AuditFiles.segments(log.file()).stream().filter(s -> !s.live()).toList();
                return rotated.size() > 3 && rotated.stream().allMatch(AuditFiles.Segment::gzip);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @AfterEach
    void close() {
        log.close();
    }

    @Test
    void pagesAscendingAcrossAllFilesWithCursors() {
        List<Long> seqs = new ArrayList<>();
        Long cursor = null;
        int pages = 0;
        do {
            AuditPage page = log.query().page(AuditFilter.all(), cursor, 30, false);
            page.events().forEach(r -> seqs.add(r.seq()));
            cursor = page.nextCursor() == null ? null : Long.parseLong(page.nextCursor());
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(4);
        assertThat(seqs).hasSize(100).isSorted();
        assertThat(seqs.get(0)).isEqualTo(1L);
        assertThat(seqs.get(99)).isEqualTo(100L);
    }

    @Test
    void pagesDescendingNewestFirst() {
        AuditPage first = log.query().page(AuditFilter.all(), null, 40, true);
        assertThat(first.events()).extracting(AuditRecord::seq).startsWith(100L, 99L).hasSize(40);
        assertThat(first.nextCursor()).isEqualTo("61");
        AuditPage second = log.query().page(AuditFilter.all(), 61L, 40, true);
        assertThat(second.events()).extracting(AuditRecord::seq).startsWith(60L).endsWith(21L);
        AuditPage last = log.query().page(AuditFilter.all(), 21L, 40, true);
        assertThat(last.events()).extracting(AuditRecord::seq).startsWith(20L).endsWith(1L).hasSize(20);
        assertThat(last.nextCursor()).isNull();
    }

    @Test
    void filtersByFieldsAndTime() {
        AuditFilter denied = new AuditFilter(null, null, null, "deny", "svc:t1", null, null);
        List<AuditRecord> found = log.query().page(denied, null, 1000, false).events();
        assertThat(found).isNotEmpty().allSatisfy(r -> {
            assertThat(r.decision()).isEqualTo("deny");
            assertThat(r.toolId()).isEqualTo("svc:t1");
        });
        assertThat(found).hasSize((int) java.util.stream.IntStream.rangeClosed(1, 100)
                .filter(i -> i % 2 == 1 && i % 3 == 1).count());

        AuditFilter window = new AuditFilter(Instant.parse("2026-05-01T00:10:00Z"), Instant.parse("2026-05-01T00:20:00Z"),
                AuditRecord.TOOL_EXECUTION, null, null, "alice", null);
        assertThat(log.query().page(window, null, 1000, false).events()).extracting(AuditRecord::seq)
                .containsExactly(11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);

        AuditFilter byRequest = new AuditFilter(null, null, null, null, null, null, "req-svc:t2");
        assertThat(log.query().page(byRequest, null, 5, true).events()).hasSize(5)
                .allSatisfy(r -> assertThat(r.toolId()).isEqualTo("svc:t2"));
        assertThat(log.query().page(new AuditFilter(null, null, "authn_failure", null, null, null, null), null, 10, false)
                .events()).isEmpty();
    }

    @Test
    void rejectsLimitsOutOfRange() {
        assertThatThrownBy(() -> log.query().page(AuditFilter.all(), null, 1001, false))
                .hasMessageContaining("limit must be 1..1000");
        assertThat(log.query().page(AuditFilter.all(), null, null, false).events()).hasSize(AuditQuery.DEFAULT_LIMIT);
    }
}
