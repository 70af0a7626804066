package org.opencli.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencli.core.audit.AuditTesting.await;
import static org.opencli.core.audit.AuditTesting.lines;
import static org.opencli.core.audit.AuditTesting.record;
import static org.opencli.core.audit.AuditTesting.until;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.error.OcliException;
import org.opencli.core.json.Json;

/** Writing: seq, chain and instance id stamping, each fsync mode, group commit, fail closed and recovery. */
class DurableAuditLogTest {
    @TempDir
    Path dir;

    private DurableAuditLog open(AuditSettings settings) {
        return new DurableAuditLog(dir.resolve("audit.log"), settings, "inst-1", Clock.systemUTC());
    }

    @Test
    void stampsSeqChainAndInstanceAndContinuesAcrossRestarts() throws Exception {
        try (DurableAuditLog log = open(AuditSettings.defaults())) {
            for (int i = 1; i <= 3; i++) await(log.append(record(i)));
        }
        try (DurableAuditLog log = open(AuditSettings.defaults())) {
            await(log.append(record(4)));
        }
        List<String> lines = lines(dir.resolve("audit.log"));
        assertThat(lines).hasSize(4);
        String previous = null;
        for (int i = 0; i < lines.size(); i++) {
            AuditRecord r = Json.MAPPER.readValue(lines.get(i), AuditRecord.class);
            assertThat(r.seq()).isEqualTo(i + 1L);
            assertThat(r.instanceId()).isEqualTo("inst-1");
            assertThat(r.prevHash()).isEqualTo(previous == null ? AuditChain.GENESIS : AuditChain.hash(previous));
            previous = lines.get(i);
        }
        assertThat(AuditVerifier.verify(dir.resolve("audit.log")).message()).isEqualTo("verified 4 records (seq 1..4)");
    }

    @Test
    void alwaysForcesEveryRecordBeforeItsStageCompletes() {
        try (DurableAuditLog log = open(AuditSettings.defaults().withFsync(FsyncMode.ALWAYS))) {
            List<CompletableFuture<Void>> stages = appendConcurrently(log, 48, new AtomicInteger(), new ArrayList<>());
            stages.forEach(AuditTesting::await);
            assertThat(log.forces()).isEqualTo(48);
            assertThat(log.forcedThroughSeq()).isEqualTo(48);
        }
    }

    @Test
    void batchGroupCommitsAndCompletesStagesOnlyAfterTheirForce() {
        try (DurableAuditLog log = open(AuditSettings.defaults())) {
            AtomicInteger completions = new AtomicInteger();
            List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<Void>> stages = appendConcurrently(log, 400, completions, violations);
            stages.forEach(AuditTesting::await);
            assertThat(violations).isEmpty();
            assertThat(log.forcedThroughSeq()).isEqualTo(400);
            // 400 records from 8 threads: grouped, far fewer forces than records
            assertThat(log.forces()).isBetween(1L, 399L);
            assertThat(lines(dir.resolve("audit.log"))).hasSize(400);
        }
    }

    @Test
    void pipelinedBatchCompletesNoStageBeforeTheForceCoveringItsRecord() throws Exception {
        // small groups and a small file: many groups in flight between writer and syncer, and rotations splitting groups
        AuditSettings settings = new AuditSettings(FsyncMode.BATCH, 16, 5, 64 * 1024, 0, false, 0, 0, 65536, 1000);
        int count = 3000;
        List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> stages = new ArrayList<>(count);
        try (DurableAuditLog log = open(settings)) {
            // one appender: the i-th append is seq i (a fresh store), so each stage knows its record's seq
            for (int i = 1; i <= count; i++) {
                long seq = i;
                stages.add(log.append(record(i)).toCompletableFuture().thenRun(() -> {
                    long forced = log.forcedThroughSeq();
                    if (forced < seq) violations.add("seq " + seq + " completed when forces covered only seq " + forced);
                }));
            }
            stages.forEach(AuditTesting::await);
            assertThat(violations).isEmpty();
            assertThat(log.forcedThroughSeq()).isEqualTo(count);
            assertThat(log.forces()).isBetween(1L, (long) count - 1);
        }
        AuditVerification v = AuditVerifier.verify(dir.resolve("audit.log"));
        assertThat(v.message()).isEqualTo("verified " + count + " records (seq 1.." + count + ")");
        assertThat(AuditFiles.segments(dir.resolve("audit.log"))).hasSizeGreaterThan(2); // rotated at least twice
    }

    @Test
    void noneNeverForcesButCompletesAfterTheWrite() {
        try (DurableAuditLog log = open(AuditSettings.defaults().withFsync(FsyncMode.NONE))) {
            AtomicLong sizeAtCompletion = new AtomicLong();
            log.append(record(1)).thenRun(() -> {
                try {
                    sizeAtCompletion.set(Files.size(dir.resolve("audit.log")));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            until("the first stage completed", () -> sizeAtCompletion.get() > 0);
            for (int i = 2; i <= 20; i++) await(log.append(record(i)));
            assertThat(log.forces()).isZero();
            assertThat(lines(dir.resolve("audit.log"))).hasSize(20);
        }
    }

    @Test
    void failsClosedWhileTheDirectoryCannotBeCreatedAndRecoversOnItsOwn() throws Exception {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "a regular file where the audit directory should be");
        Path file = blocker.resolve("audit.log");
        try (DurableAuditLog log = new DurableAuditLog(file, AuditSettings.defaults().withRetryIntervalMs(20), "i",
                Clock.systemUTC())) {
            assertThat(log.healthy()).isFalse();
            assertThat(log.problem()).contains("not-a-dir");
            assertThatThrownBy(() -> log.append(record(1)).toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(OcliException.class,
                            e -> assertThat(e.code()).isEqualTo("audit_unavailable"));

            Files.delete(blocker);
            until("the store recovered", log::healthy);
            await(log.append(record(2)));
            assertThat(lines(file)).hasSize(1);
            assertThat(log.verify().verified()).isTrue();
        }
    }

    @Test
    void aWriteFailureFailsThatAppendThenEveryLaterOneUntilRecovered() throws Exception {
        Path file = dir.resolve("audit.log");
        // Rotation renames audit.log to audit.log.<first>-<last>; a directory under every possible
        // name makes that rename fail, as a full or read-only disk would.
        List<Path> traps = new ArrayList<>();
        for (int last = 1; last <= 40; last++) traps.add(Files.createDirectories(AuditFiles.rotatedName(file, 1, last)));
        AuditSettings settings = AuditSettings.defaults().withRotation(1024, 0, false).withRetryIntervalMs(20);
        try (DurableAuditLog log = new DurableAuditLog(file, settings, "i", Clock.systemUTC())) {
            Throwable failure = null;
            int written = 0;
            while (failure == null && written < 40) {
                try {
                    log.append(record(written)).toCompletableFuture().get(5, TimeUnit.SECONDS);
                    written++;
                } catch (ExecutionException e) {
                    failure = e.getCause();
                }
            }
            assertThat(failure).isInstanceOfSatisfying(OcliException.class,
                    e -> assertThat(e.code()).isEqualTo("audit_unavailable"));
            assertThat(log.healthy()).isFalse();
            assertThatThrownBy(() -> log.append(record(99)).toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(OcliException.class,
                            e -> assertThat(e.detail()).contains("executions are refused"));

            for (Path trap : traps) Files.delete(trap);
            until("the store recovered", log::healthy);
            await(log.append(record(100)));
            AuditVerification v = log.verify();
            assertThat(v.verified()).as(v.message()).isTrue();
            assertThat(v.records()).isEqualTo(written + 1L);
        }
    }

    @Test
    void exportersGetEachCommittedRecordWithItsExactLineAndCannotHurtTheStore() {
        List<String> exported = java.util.Collections.synchronizedList(new ArrayList<>());
        AuditExporter recording = new AuditExporter() {
            @Override
            public void export(AuditRecord committed, String line) {
                exported.add(committed.seq() + " " + line);
            }

            @Override
            public void close() {
            }
        };
        AuditExporter broken = new AuditExporter() {
            @Override
            public void export(AuditRecord committed, String line) {
                throw new IllegalStateException("collector down");
            }

            @Override
            public void close() {
            }
        };
        try (DurableAuditLog log = new DurableAuditLog(dir.resolve("audit.log"), AuditSettings.defaults(), "i",
                Clock.systemUTC(), List.of(broken, recording))) {
            for (int i = 1; i <= 3; i++) await(log.append(record(i)));
            assertThat(log.healthy()).isTrue();
        }
        List<String> lines = lines(dir.resolve("audit.log"));
        assertThat(exported).containsExactly("1 " + lines.get(0), "2 " + lines.get(1), "3 " + lines.get(2));
    }

    private static List<CompletableFuture<Void>> appendConcurrently(DurableAuditLog log, int count,
                                                                    AtomicInteger completions, List<String> violations) {
        List<CompletableFuture<Void>> stages = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < count / 8; i++) {
                    CompletableFuture<Void> stage = log.append(record(i)).toCompletableFuture();
                    stages.add(stage.thenRun(() -> {
                        // stages complete in seq order: the k-th completion is seq k, which must be forced by now
                        int k = completions.incrementAndGet();
                        if (log.forcedThroughSeq() < k) violations.add("seq " + k + " completed before its force");
                    }));
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        return stages;
    }
}
