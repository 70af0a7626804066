package org.opencli.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencli.core.audit.AuditTesting.await;
import static org.opencli.core.audit.AuditTesting.lines;
import static org.opencli.core.audit.AuditTesting.record;
import static org.opencli.core.audit.AuditTesting.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hash chain detects edited, removed and reordered lines and names the first broken record. */
class AuditVerifierTest {
    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void fiveRecords() {
        file = dir.resolve("audit.log");
        try (DurableAuditLog log = new DurableAuditLog(file, AuditSettings.defaults(), "i", Clock.systemUTC())) {
            for (int i = 1; i <= 5; i++) await(log.append(record(i)));
        }
    }

    @Test
    void anIntactChainVerifies() {
        AuditVerification v = AuditVerifier.verify(dir);
        assertThat(v.verified()).isTrue();
        assertThat(v.records()).isEqualTo(5);
        assertThat(v.anchored()).isFalse();
        assertThat(v.message()).isEqualTo("verified 5 records (seq 1..5)");
    }

    @Test
    void aFileInTheEarlierLayoutContinuesInTheCurrentOneAndVerifies() throws Exception {
        // Before the chain fields closed each line, seq came first: such a file must keep working.
        Path old = dir.resolve("earlier").resolve("audit.log");
        String first = "{\"seq\":1,\"timestamp\":\"2026-01-01T00:00:00Z\",\"eventType\":\"tool_execution\","
                + "\"decision\":\"allow\",\"prevHash\":\"" + AuditChain.GENESIS + "\"}";
        String second = "{\"seq\":2,\"timestamp\":\"2026-01-01T00:00:01Z\",\"eventType\":\"tool_execution\","
                + "\"decision\":\"deny\",\"prevHash\":\"" + AuditChain.hash(first) + "\"}";
        Files.createDirectories(old.getParent());
        write(old, List.of(first, second));
        try (DurableAuditLog log = new DurableAuditLog(old, AuditSettings.defaults(), "i", Clock.systemUTC())) {
            for (int i = 3; i <= 4; i++) await(log.append(record(i)));
        }
        List<String> lines = lines(old);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(2)).startsWith("{\"timestamp\":").contains(",\"seq\":3,\"prevHash\":\"" + AuditChain.hash(second) + "\"}");
        AuditVerification v = AuditVerifier.verify(old);
        assertThat(v.verified()).isTrue();
        assertThat(v.message()).isEqualTo("verified 4 records (seq 1..4)");
    }

    @Test
    void anEditedLineBreaksTheLinkToTheNextOne() {
        List<String> lines = new ArrayList<>(lines(file));
        lines.set(1, lines.get(1).replace("\"decision\":\"allow\"", "\"decision\":\"deny\""));
        write(file, lines);
        AuditVerification v = AuditVerifier.verify(file);
        assertThat(v.verified()).isFalse();
        assertThat(v.reason()).isEqualTo("hash_mismatch");
        assertThat(v.line()).isEqualTo(3);
        assertThat(v.seq()).isEqualTo(3);
        assertThat(v.file()).isEqualTo(file.toAbsolutePath().toString());
        assertThat(v.message()).contains("line 3").contains("edited");
    }

    @Test
    void aRemovedLineIsASeqGap() {
        List<String> lines = new ArrayList<>(lines(file));
        lines.remove(2);
        write(file, lines);
        AuditVerification v = AuditVerifier.verify(file);
        assertThat(v.reason()).isEqualTo("seq_gap");
        assertThat(v.line()).isEqualTo(3);
        assertThat(v.seq()).isEqualTo(4);
    }

    @Test
    void aDuplicatedSeqFailsEvenWhenItsHashChains() {
        List<String> lines = new ArrayList<>(lines(file));
        // a second writer continuing from the same record: same seq, and its prevHash links correctly
        String second = lines.get(2).replaceFirst("\"prevHash\":\"[0-9a-f]{64}\"",
                "\"prevHash\":\"" + AuditChain.hash(lines.get(2)) + "\"");
        lines.add(3, second);
        write(file, lines.subList(0, 4));
        AuditVerification v = AuditVerifier.verify(file);
        assertThat(v.verified()).isFalse();
        assertThat(v.reason()).isEqualTo("duplicate_seq");
        assertThat(v.line()).isEqualTo(4);
        assertThat(v.seq()).isEqualTo(3);
        assertThat(v.message()).contains("repeats seq 3");
    }

    @Test
    void aReusedSeqFails() {
        List<String> lines = new ArrayList<>(lines(file));
        lines.add(lines.get(1));
        write(file, lines);
        AuditVerification v = AuditVerifier.verify(file);
        assertThat(v.verified()).isFalse();
        assertThat(v.reason()).isEqualTo("reused_seq");
        assertThat(v.seq()).isEqualTo(2);
    }

    @Test
    void reorderedLinesAreReported() {
        List<String> lines = new ArrayList<>(lines(file));
        String third = lines.remove(2);
        lines.add(3, third);
        write(file, lines);
        AuditVerification v = AuditVerifier.verify(file);
        assertThat(v.verified()).isFalse();
        assertThat(v.reason()).isEqualTo("reorder");
        assertThat(v.seq()).isEqualTo(4);
    }

    @Test
    void aRemovedFirstLineBreaksTheGenesisAnchorOnlyAsAnAnchor() {
        List<String> lines = new ArrayList<>(lines(file));
        lines.set(0, "not json");
        write(file, lines);
        AuditVerification v = AuditVerifier.verify(file);
        assertThat(v.reason()).isEqualTo("unparsable");
        assertThat(v.line()).isEqualTo(1);
    }
}
