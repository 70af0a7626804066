package org.opencli.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.support.CliRunner;
import org.opencli.cli.support.CliRunner.CliResult;
import org.opencli.core.audit.AuditRecord;
import org.opencli.core.audit.AuditSettings;
import org.opencli.core.audit.DurableAuditLog;
import org.opencli.core.json.Json;

/** {@code ocli audit list|tail|verify} in embedded mode: the instance's own files, read in place. */
class LocalAuditCommandsTest {
    @TempDir
    Path dir;
    Path state;
    Path auditFile;
    CliRunner cli;

    @BeforeEach
    void writeTrail() {
        state = dir.resolve("state");
        auditFile = state.resolve("instances/aud/audit.log");
        try (DurableAuditLog log = new DurableAuditLog(auditFile, AuditSettings.defaults(), "aud", Clock.systemUTC())) {
            for (int i = 1; i <= 6; i++) {
                AuditRecord r = AuditRecord.event(Instant.parse("2026-11-29T09:00:0" + i + "Z").toString(), AuditRecord.TOOL_EXECUTION)
                        .withCaller("alice", null, null, "req-" + i)
                        .withTool(null, i % 2 == 0 ? "shop:getItem" : "shop:listItems", "shop")
                        .withDecision(i == 5 ? "deny" : "allow", i == 5 ? "policy_deny" : "ok", null);
                log.append(r).toCompletableFuture().join();
            }
        }
        cli = new CliRunner(Map.of(), dir);
    }

    private CliResult ocli(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "--embedded";
        all[1] = "--state-dir";
        all[2] = state.toString();
        all[3] = "--instance-id";
        all[4] = "aud";
        System.arraycopy(args, 0, all, 5, args.length);
        return cli.run(all);
    }

    @Test
    void listPagesWithFiltersAndPrintsTheNextCursor() throws Exception {
        CliResult first = ocli("audit", "list", "--tool", "shop:listItems", "--limit", "2", "--format", "json");
        assertThat(first.exitCode()).as(first.err()).isZero();
        JsonNode page = Json.MAPPER.readTree(first.out());
        assertThat(page.path("events")).hasSize(2);
        assertThat(page.path("events").get(0).path("requestId").asText()).isEqualTo("req-1");
        String cursor = page.path("nextCursor").asText();
        assertThat(cursor).isEqualTo("3");

        JsonNode rest = Json.MAPPER.readTree(ocli("audit", "list", "--tool", "shop:listItems", "--cursor", cursor,
                "--format", "json").out());
        assertThat(rest.path("events")).hasSize(1);
        assertThat(rest.path("events").get(0).path("seq").asLong()).isEqualTo(5);
        assertThat(rest.path("nextCursor").isNull()).isTrue();

        JsonNode denied = Json.MAPPER.readTree(ocli("audit", "list", "--decision", "deny", "--order", "desc",
                "--since", "2026-11-29T09:00:02Z", "--until", "2026-11-29T09:00:06Z", "--format", "json").out());
        assertThat(denied.path("events")).hasSize(1);
        assertThat(denied.path("events").get(0).path("reasonCode").asText()).isEqualTo("policy_deny");
    }

    @Test
    void listTableHasOneRowPerRecordAndTheCursorLine() {
        CliResult r = ocli("audit", "list", "--limit", "4", "--format", "table");
        assertThat(r.exitCode()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("SEQ").contains("EVENT", "DECISION", "TOOL", "REQUEST ID");
        assertThat(lines).anyMatch(l -> l.contains("req-4") && l.contains("shop:getItem"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("(4 records) next page: --cursor 4");
    }

    @Test
    void tailPrintsTheNewestOldestFirstAsNdjson() throws Exception {
        CliResult r = ocli("audit", "tail", "-n", "3");
        assertThat(r.exitCode()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.stream().map(l -> {
            try {
                return Json.MAPPER.readTree(l).path("seq").asLong();
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList()).containsExactly(4L, 5L, 6L);
    }

    /** Whether tail reads before or after the appends, it prints the two matching records and exits. */
    @Test
    void tailFollowsRecordsAppendedByAnotherWriter() throws Exception {
        java.util.concurrent.ExecutorService runner = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var tail = runner.submit(() -> ocli("audit", "tail", "-n", "5", "-f", "--max-events", "2", "--tool", "shop:new"));
            try (DurableAuditLog log = new DurableAuditLog(auditFile, AuditSettings.defaults(), "aud", Clock.systemUTC())) {
                for (int i = 0; i < 3; i++) {
                    log.append(AuditRecord.event(Instant.now().toString(), AuditRecord.TOOL_EXECUTION)
                            .withCaller("bob", null, null, "new-" + i).withTool(null, i == 1 ? "shop:other" : "shop:new", "shop")
                            .withDecision("allow", "ok", null)).toCompletableFuture().join();
                }
            }
            CliResult r = tail.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out().lines().map(l -> {
                try {
                    return Json.MAPPER.readTree(l).path("requestId").asText();
                } catch (Exception e) {
                    throw new AssertionError(l, e);
                }
            }).toList()).containsExactly("new-0", "new-2");
        } finally {
            runner.shutdownNow();
        }
    }

    /** An instance without a record yet (no directory): tail -f waits for it and prints its first record. */
    @Test
    void tailFollowsAnInstanceWhoseFirstRecordIsStillToCome() throws Exception {
        java.util.concurrent.ExecutorService runner = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var tail = runner.submit(() -> cli.run("--embedded", "--state-dir", state.toString(), "--instance-id", "fresh",
                    "audit", "tail", "-f", "--max-events", "1"));
            Path freshFile = state.resolve("instances/fresh/audit.log");
            try (DurableAuditLog log = new DurableAuditLog(freshFile, AuditSettings.defaults(), "fresh", Clock.systemUTC())) {
                log.append(AuditRecord.event(Instant.now().toString(), AuditRecord.TOOL_EXECUTION)
                        .withCaller("carol", null, null, "first-ever").withTool(null, "shop:new", "shop")
                        .withDecision("allow", "ok", null)).toCompletableFuture().join();
            }
            CliResult r = tail.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("\"requestId\":\"first-ever\"");
        } finally {
            runner.shutdownNow();
        }
    }

    @Test
    void badFilterValuesAreUsageErrors() {
        CliResult since = ocli("audit", "list", "--since", "yesterday");
        assertThat(since.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(since.err()).contains("--since is 'yesterday'", "ISO-8601");
        CliResult decision = ocli("audit", "tail", "--decision", "maybe");
        assertThat(decision.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(decision.err()).contains("allow, deny or error");
        assertThat(ocli("audit", "list", "--order", "sideways").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void verifyPassesOnTheIntactChainAndNamesTheFirstEditedRecord() throws Exception {
        CliResult ok = ocli("audit", "verify");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).startsWith("verified 6 records");

        List<String> lines = Files.readAllLines(auditFile);
        lines.set(2, lines.get(2).replace("\"alice\"", "\"mallory\""));
        Files.write(auditFile, lines);
        CliResult broken = ocli("audit", "verify", "--path", auditFile.getParent().toString());
        assertThat(broken.exitCode()).isEqualTo(ExitCodes.AUDIT_BROKEN);
        assertThat(broken.out()).contains("BROKEN: " + auditFile, "line 4", "seq 4", "hash_mismatch");

        JsonNode json = Json.MAPPER.readTree(ocli("audit", "verify", "--format", "json").out());
        assertThat(json.path("verified").asBoolean()).isFalse();
        assertThat(json.path("seq").asLong()).isEqualTo(4);
    }

    @Test
    void verifyWithoutATrailIsNotFound() {
        CliResult r = ocli("audit", "verify", "--path", dir.resolve("nowhere").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.err()).contains("no audit file at " + dir.resolve("nowhere"));
    }
}
