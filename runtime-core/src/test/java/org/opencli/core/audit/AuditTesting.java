package org.opencli.core.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Helpers for audit store tests: records, waiting on conditions with a deadline, reading lines. */
final class AuditTesting {
    private AuditTesting() {
    }

    static AuditRecord record(String toolId, String decision, String timestamp) {
        return AuditRecord.event(timestamp, AuditRecord.TOOL_EXECUTION)
                .withCaller("alice", "client-1", null, "req-" + toolId)
                .withTool(null, toolId, "svc")
                .withDecision(decision, "allow".equals(decision) ? "ok" : "policy_deny", null);
    }

    static AuditRecord record(int i) {
        return record("svc:tool" + i, i % 2 == 0 ? "allow" : "deny", "2026-01-01T00:00:00Z");
    }

    static void await(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("stage did not complete: " + e, e);
        }
    }

    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for: " + what);
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000L); // poll with a deadline
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, List<String> lines) {
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
