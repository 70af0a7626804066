package org.opencli.fleet.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.opencli.core.audit.AuditRecord;
import org.opencli.core.audit.AuditSettings;
import org.opencli.core.audit.DurableAuditLog;
import org.opencli.core.audit.FsyncMode;
import org.opencli.core.engine.EngineSettings;
import org.opencli.core.engine.ExecutionSetup;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.core.engine.RuntimeEngines;
import org.opencli.core.execution.ExecuteRequest;
import org.opencli.core.execution.ExecuteResult;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * make bench-audit: records/s of the durable audit store in each fsync mode against a plain Java
 * loop that appends and fsyncs the very same bytes in the same directory (per record for
 * {@code always}, once per group of the store's, same boundaries, for {@code batch}, never for {@code none}),
 * as a ratio measured in this run; then the latency {@code batch} adds to an execution (the same
 * executions in-process against the test upstream with fsync batch vs none), at p50 and p99.
 * Usage: AuditBench REPO_ROOT [all|throughput|latency] (default all).
 */
public final class AuditBench {
    /** Throughput rounds per mode: rounds take a fraction of a second and this VM's disk is noisy, so many. */
    private static final int THROUGHPUT_ROUNDS = 9;
    /** Latency rounds (each mode's executions per round alternate). */
    private static final int ROUNDS = 5;
    private static final int WARMUP_ROUNDS = 3;
    private static final int IN_FLIGHT = 16_384;
    private static final Map<FsyncMode, Integer> RECORDS = Map.of(FsyncMode.ALWAYS, 1000, FsyncMode.BATCH, 120_000,
            FsyncMode.NONE, 120_000); // one file: below the 64 MB rotation size
    /** Sequential executions per mode and round in the latency part (rounds alternate the modes). */
    private static final int EXECUTIONS = 500;
    private static final int WARMUP_EXECUTIONS = 300;
    private static final double BATCH_TARGET = 0.80;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        String part = args.length > 1 ? args[1] : "all";
        Path work = root.resolve("target/bench/audit");
        deleteTree(work);
        Files.createDirectories(work);
        System.out.println("bench-audit: files under " + work + " (" + Files.getFileStore(work) + ")");

        if (part.equals("latency")) {
            latency(work, root);
            return;
        }
        // Steady state, not start-up: full-size rounds of every mode first, so the JIT has compiled the
        // store's paths (and the plain loop's) before anything is timed. Not reported.
        for (int w = 0; w < WARMUP_ROUNDS; w++) {
            for (FsyncMode mode : FsyncMode.values()) throughput(work, mode, RECORDS.get(mode));
        }
        List<String[]> rows = new ArrayList<>();
        boolean batchMet = false;
        for (FsyncMode mode : FsyncMode.values()) {
            List<double[]> rounds = new ArrayList<>();
            for (int r = 0; r < THROUGHPUT_ROUNDS; r++) rounds.add(throughput(work, mode, RECORDS.get(mode)));
            StringBuilder each = new StringBuilder();
            for (double[] round : rounds) each.append(String.format(" %.2f", round[0] / round[1]));
            System.out.println("  " + mode.name().toLowerCase() + " rounds, store/plain:" + each);
            rounds.sort(Comparator.comparingDouble(x -> x[0] / x[1])); // median by ratio
            double[] median = rounds.get(THROUGHPUT_ROUNDS / 2);
            double ratio = median[0] / median[1];
            String verdict = "";
            if (mode == FsyncMode.BATCH) {
                batchMet = ratio >= BATCH_TARGET;
                verdict = batchMet ? "met" : "NOT met";
                List<Double> plainMs = new ArrayList<>();
                List<Double> shaMs = new ArrayList<>();
                for (double[] round : rounds) {
                    plainMs.add(round[3]);
                    shaMs.add(round[4]);
                }
                System.out.printf("  batch: the plain loop took %.1f ms (median); SHA-256 of the same lines alone, one thread,"
                        + " %.1f ms: %.0f%% of it, before the store renders, writes or forces anything%n",
                        Stats.percentile(plainMs, 50), Stats.percentile(shaMs, 50),
                        100 * Stats.percentile(shaMs, 50) / Stats.percentile(plainMs, 50));
            }
            rows.add(new String[] {mode.name().toLowerCase(), String.format("%,d", RECORDS.get(mode)), String.format("%,.0f", median[2]),
                    String.format("%,.0f", median[0]), String.format("%,.0f", median[1]), String.format("%.2f", ratio), verdict});
        }
        System.out.printf("%n  %-7s %9s %7s %14s %14s %7s  %s%n", "fsync", "records", "forces", "store rec/s", "plain rec/s",
                "ratio", "target batch >= " + BATCH_TARGET);
        for (String[] r : rows) System.out.printf("  %-7s %9s %7s %14s %14s %7s  %s%n", (Object[]) r);
        System.out.printf("  (median of %d rounds; plain loop, same bytes: one write + force per record / one write + force per"
                + " group of the store's (same boundaries) / one write per %d records, no force)%n", THROUGHPUT_ROUNDS,
                AuditSettings.DEFAULT_BATCH_MAX_RECORDS);

        if (part.equals("all")) latency(work, root);
        System.out.println();
        System.out.println("batch-mode throughput target (>= " + (int) (BATCH_TARGET * 100) + "% of the plain batched loop): "
                + (batchMet ? "met" : "NOT met"));
    }

    /**
     * {store records/s, plain loop records/s, store forces} for one round of {@code n} records. The
     * plain loop appends the lines the store wrote, with the store's I/O shape and none of its work:
     * {@code always} one write and one force per record; {@code batch} exactly the store's groups (the
     * seq each of its forces covered through), each group's bytes prepared before the clock starts and
     * written with one write, then forced; {@code none} one write per batchMaxRecords lines, no force.
     */
    private static double[] throughput(Path work, FsyncMode mode, int n) throws Exception {
        Path dir = Files.createTempDirectory(work, "store-" + mode.name().toLowerCase() + "-");
        Path file = dir.resolve("audit.log");
        List<AuditRecord> records = records(n);
        List<Long> forcedThrough = Collections.synchronizedList(new ArrayList<>());
        double storeRate;
        long forces;
        try (DurableAuditLog log = new DurableAuditLog(file, AuditSettings.defaults().withFsync(mode), "bench", Clock.systemUTC())) {
            observeForces(log, forcedThrough::add);
            List<CompletableFuture<Void>> done = new ArrayList<>(n);
            long start = System.nanoTime();
            for (AuditRecord r : records) {
                // at most IN_FLIGHT records awaiting their force, like a busy server's callers (and within the queue's bound)
                if (done.size() >= IN_FLIGHT) done.get(done.size() - IN_FLIGHT).get(1, TimeUnit.MINUTES);
                done.add(log.append(r).toCompletableFuture());
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
            storeRate = n / ((System.nanoTime() - start) / 1e9);
            forces = forces(log);
        }
        List<byte[]> lines = new ArrayList<>(n);
        for (String line : Files.readAllLines(file)) lines.add((line + "\n").getBytes(StandardCharsets.UTF_8));
        List<Integer> ends = new ArrayList<>(); // exclusive end index of each write
        if (mode == FsyncMode.BATCH) {
            for (long seq : List.copyOf(forcedThrough)) ends.add((int) seq);
        } else {
            int every = mode == FsyncMode.ALWAYS ? 1 : AuditSettings.DEFAULT_BATCH_MAX_RECORDS;
            for (int end = every; end < lines.size(); end += every) ends.add(end);
        }
        if (ends.isEmpty() || ends.get(ends.size() - 1) != lines.size()) ends.add(lines.size());
        List<ByteBuffer> writes = new ArrayList<>(ends.size());
        int from = 0;
        for (int end : ends) {
            int size = 0;
            for (int i = from; i < end; i++) size += lines.get(i).length;
            ByteBuffer buf = ByteBuffer.allocateDirect(size);
            for (int i = from; i < end; i++) buf.put(lines.get(i));
            writes.add(buf.flip());
            from = end;
        }
        Path plain = dir.resolve("plain.log");
        long start = System.nanoTime();
        try (FileChannel channel = FileChannel.open(plain, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            for (ByteBuffer buf : writes) {
                while (buf.hasRemaining()) channel.write(buf);
                if (mode != FsyncMode.NONE) channel.force(false);
            }
        }
        long plainNanos = System.nanoTime() - start;
        double plainRate = lines.size() / (plainNanos / 1e9);
        deleteTree(dir);
        return new double[] {storeRate, plainRate, forces, plainNanos / 1e6, sha256Millis(lines)};
    }

    /**
     * Milliseconds one thread takes to SHA-256 each line, as the chain needs (the lines' bytes are
     * already in memory): work the store cannot skip and the plain loop does not do.
     */
    private static double sha256Millis(List<byte[]> lines) throws java.security.NoSuchAlgorithmException {
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        long start = System.nanoTime();
        for (byte[] line : lines) {
            sha.update(line, 0, line.length - 1);
            sha.digest();
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** How many times the store forced its file: package-private in the store, read for this report only. */
    private static long forces(DurableAuditLog log) throws ReflectiveOperationException {
        var method = DurableAuditLog.class.getDeclaredMethod("forces");
        method.setAccessible(true);
        return (long) method.invoke(log);
    }

    /** Where the store's groups end (the seq each force covered through): package-private, for this report only. */
    private static void observeForces(DurableAuditLog log, LongConsumer observer) throws ReflectiveOperationException {
        var method = DurableAuditLog.class.getDeclaredMethod("observeForces", LongConsumer.class);
        method.setAccessible(true);
        method.invoke(log, observer);
    }

    private static List<AuditRecord> records(int n) {
        List<AuditRecord> out = new ArrayList<>(n);
        String now = Instant.now().toString();
        for (int i = 0; i < n; i++) {
            out.add(AuditRecord.event(now, AuditRecord.TOOL_EXECUTION)
                    .withCaller("bench-user@example.org", "bench-client", null, "req-" + i)
                    .withTool(null, "upstream:echoGet", "upstream")
                    .withDecision("allow", "ok", null));
        }
        return out;
    }

    /** p50/p99 of in-process executions with fsync batch vs none, rounds alternating the two modes. */
    private static void latency(Path work, Path root) throws Exception {
        Path openapi = root.resolve("fleet-tests/fixtures/upstream/upstream.openapi.yaml");
        try (TestUpstream upstream = TestUpstream.start(0);
             RuntimeEngine batch = engine(work, openapi, upstream, "batch");
             RuntimeEngine none = engine(work, openapi, upstream, "none")) {
            execute(batch, WARMUP_EXECUTIONS, null);
            execute(none, WARMUP_EXECUTIONS, null);
            List<Double> withBatch = new ArrayList<>();
            List<Double> withNone = new ArrayList<>();
            for (int r = 0; r < ROUNDS; r++) {
                execute(batch, EXECUTIONS, withBatch);
                execute(none, EXECUTIONS, withNone);
            }
            double b50 = Stats.percentile(withBatch, 50);
            double b99 = Stats.percentile(withBatch, 99);
            double n50 = Stats.percentile(withNone, 50);
            double n99 = Stats.percentile(withNone, 99);
            System.out.printf("%n  execution latency, %d sequential in-process executions per mode against the test upstream%n",
                    withBatch.size());
            System.out.printf("  %-14s %10s %10s%n", "fsync", "p50 ms", "p99 ms");
            System.out.printf("  %-14s %10.3f %10.3f%n", "none", n50, n99);
            System.out.printf("  %-14s %10.3f %10.3f%n", "batch", b50, b99);
            System.out.printf("  %-14s %10.3f %10.3f%n", "batch adds", b50 - n50, b99 - n99);
        }
    }

    private static RuntimeEngine engine(Path work, Path openapi, TestUpstream upstream, String fsync) throws IOException {
        Path dir = Files.createDirectories(work.resolve("engine-" + fsync));
        Path config = dir.resolve(".cli.json");
        Files.writeString(config, "{\"cli\":\"1.0.0\",\"mode\":{\"default\":\"discover\"},"
                + "\"sources\":{\"upstreamApi\":{\"type\":\"openapi\",\"uri\":\"" + openapi + "\"}},"
                + "\"services\":{\"upstream\":{\"source\":\"upstreamApi\",\"alias\":\"upstream\",\"baseURL\":\"" + upstream.apiUrl() + "\"}},"
                + "\"audit\":{\"fsync\":\"" + fsync + "\"}}");
        return RuntimeEngines.create(new EngineSettings(config, false, "bench-" + fsync, dir.resolve("state"),
                dir.resolve("cache"), dir.resolve("state/audit.log"), "bench", Clock.systemUTC()), ExecutionSetup.defaults());
    }

    private static void execute(RuntimeEngine engine, int n, List<Double> millis) {
        for (int i = 0; i < n; i++) {
            ExecuteRequest request = new ExecuteRequest(null, null, null, "upstream:echoGet", List.of("bench-" + i), Map.of(),
                    null, null, false, false);
            long start = System.nanoTime();
            ExecuteResult result = engine.execute(request).toCompletableFuture().join();
            double ms = (System.nanoTime() - start) / 1e6;
            if (!Integer.valueOf(200).equals(result.statusCode())) throw new IllegalStateException("execution failed: " + result.statusCode());
            if (millis != null) millis.add(ms);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
