package org.opencli.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencli.core.audit.AuditTesting.await;
import static org.opencli.core.audit.AuditTesting.lines;
import static org.opencli.core.audit.AuditTesting.record;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.json.Json;

/** Crash recovery: a torn tail is cut, an audit_recovered record says how much, the chain continues. */
class AuditRecoveryTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("audit.log");
    }

    private void writeThree() {
        try (DurableAuditLog log = new DurableAuditLog(file(), AuditSettings.defaults(), "i", Clock.systemUTC())) {
            for (int i = 1; i <= 3; i++) await(log.append(record(i)));
        }
    }

    @Test
    void cutsALineWithoutNewlineAndRecordsWhatWasCut() throws Exception {
        writeThree();
        String torn = "{\"seq\":4,\"timestamp\":\"2026-01-01T00:00:00Z\",\"eventTy";
        Files.writeString(file(), torn, StandardOpenOption.APPEND);
        try (DurableAuditLog log = new DurableAuditLog(file(), AuditSettings.defaults(), "i", Clock.systemUTC())) {
            await(log.append(record(5)));
        }
        List<String> lines = lines(file());
        assertThat(lines).hasSize(5);
        AuditRecord recovered = Json.MAPPER.readValue(lines.get(3), AuditRecord.class);
        assertThat(recovered.eventType()).isEqualTo(AuditRecord.AUDIT_RECOVERED);
        assertThat(recovered.seq()).isEqualTo(4L);
        assertThat(recovered.detail()).contains("cut " + torn.getBytes(StandardCharsets.UTF_8).length + " bytes");
        assertThat(recovered.prevHash()).isEqualTo(AuditChain.hash(lines.get(2)));
        assertThat(Json.MAPPER.readValue(lines.get(4), AuditRecord.class).seq()).isEqualTo(5L);
        assertThat(AuditVerifier.verify(file()).verified()).isTrue();
    }

    @Test
    void cutsACompleteButUnparsableLastLine() throws Exception {
        writeThree();
        Files.writeString(file(), "{\"seq\":4,\"garbage\n", StandardOpenOption.APPEND);
        try (DurableAuditLog log = new DurableAuditLog(file(), AuditSettings.defaults(), "i", Clock.systemUTC())) {
            assertThat(log.healthy()).isTrue();
        }
        List<String> lines = lines(file());
        assertThat(lines).hasSize(4);
        assertThat(lines.get(3)).contains("audit_recovered").contains("cut 18 bytes");
        AuditVerification v = AuditVerifier.verify(file());
        assertThat(v.verified()).as(v.message()).isTrue();
        assertThat(v.records()).isEqualTo(4);
    }

    @Test
    void aFileHoldingOnlyATornLineStartsTheChainAfresh() throws Exception {
        Files.writeString(file(), "{\"seq\":1,\"times");
        try (DurableAuditLog log = new DurableAuditLog(file(), AuditSettings.defaults(), "i", Clock.systemUTC())) {
            await(log.append(record(2)));
        }
        List<String> lines = lines(file());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("audit_recovered").contains("\"seq\":1").contains(AuditChain.GENESIS);
        assertThat(AuditVerifier.verify(file()).records()).isEqualTo(2);
    }

    @Test
    void aCleanFileIsLeftAlone() {
        writeThree();
        try (DurableAuditLog log = new DurableAuditLog(file(), AuditSettings.defaults(), "i", Clock.systemUTC())) {
            assertThat(log.healthy()).isTrue();
        }
        assertThat(lines(file())).hasSize(3).noneMatch(l -> l.contains("audit_recovered"));
    }
}
