package org.opencli.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.audit.AuditChain;
import org.opencli.core.error.OcliException;

/** Executions and the durable audit store: chained records, and refusal while audit cannot be written. */
class AuditFailClosedTest {
    @TempDir
    Path dir;
    ExecFixture f;

    @AfterEach
    void tearDown() {
        if (f != null) f.close();
    }

    @Test
    void executionRecordsAreChainedAndStamped() {
        f = new ExecFixture(dir);
        f.run(f.call("exec:getReport"));
        f.failure(f.call("exec:purge"));
        List<JsonNode> lines = f.auditLines();
        assertThat(lines).extracting(l -> l.path("seq").asLong()).containsExactly(1L, 2L);
        assertThat(lines.get(0).path("prevHash").asText()).isEqualTo(AuditChain.GENESIS);
        assertThat(lines).allSatisfy(l -> assertThat(l.path("instanceId").asText()).isEqualTo("t1"));
    }

    @Test
    void executionsAreRefusedUntilTheStoreCanWriteAgain() throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file where the audit directory should be");
        f = new ExecFixture(dir).auditAt(blocker.resolve("audit.log"));
        OcliException refused = f.failure(f.call("exec:getReport"));
        assertThat(refused.code()).isEqualTo("audit_unavailable");
        assertThat(f.server.seen).as("nothing is sent while audit cannot be written").isEmpty();

        Files.delete(blocker);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!f.engine().audit().healthy()) {
            assertThat(System.nanoTime()).as("store recovers").isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000L); // poll with a deadline
        }
        f.run(f.call("exec:getReport"));
        assertThat(f.server.seen).hasSize(1);
        assertThat(f.auditLines()).hasSize(1);
    }
}
