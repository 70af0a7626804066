package org.opencli.fleet.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * make bench-cli: whole {@code bin/ocli} processes against a plain-java hello world on the same JDK,
 * timed the same way and interleaved in one run (each round runs the baseline, then every row), so
 * a busy spell of a shared machine falls on both sides of a ratio. Prints median, min, max, ratio,
 * target and peak RSS per row, the catalog bytes one call transfers, and writes
 * {@code target/bench/cli.json}. Exits non-zero only when a run is broken (a command failed), never
 * for a missed target. Usage: CliBench REPO_ROOT GITHUB_OPENAPI_FILE (BENCH_RUNS rounds, default 7).
 */
public final class CliBench {
    private static final String GITHUB_CALL = "github repos repos-get octocat hello --dry-run";

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        Path openapi = Path.of(args[1]).toAbsolutePath();
        int runs = Math.max(5, Integer.parseInt(System.getenv().getOrDefault("BENCH_RUNS", "7")));
        if (!Files.isExecutable(TimedProcess.GNU_TIME)) {
            System.err.println("bench-cli: " + TimedProcess.GNU_TIME + " is missing (apt-get install time)");
            System.exit(2);
        }
        Path work = root.resolve("target/bench/cli");
        deleteTree(work);
        Path cwd = Files.createDirectories(work.resolve("cwd"));
        Path home = Files.createDirectories(work.resolve("home"));
        Path scratch = Files.createDirectories(work.resolve("scratch"));
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();

        List<String> hello = CliBenchSetup.helloWorld(root, work);
        try (TestUpstream upstream = TestUpstream.start(0);
             BenchDaemon small = BenchDaemon.start(root, work.resolve("small-state"), CliBenchSetup.smallConfig(root, work, upstream.url()));
             BenchDaemon github = BenchDaemon.start(root, work.resolve("github-state"), CliBenchSetup.githubConfig(work, openapi))) {
            String ocli = root.resolve("bin/ocli").toString();
            Map<String, String> smallEnv = env(home, work.resolve("small-state"));
            Map<String, String> githubEnv = env(home, work.resolve("github-state"));
            Map<String, String> plainEnv = env(home, work.resolve("own-state"));
            Path githubConfig = work.resolve("github/.cli.json");
            // runtime.mode auto with no daemon running: the first call starts a managed oclird
            Map<String, String> managedEnv = env(home, work.resolve("managed-state"));
            String coldConfig = CliBenchSetup.managedConfig(root, work, "managed-cold", upstream.url()).toString();
            String warmConfig = CliBenchSetup.managedConfig(root, work, "managed-warm", upstream.url()).toString();
            List<CliRow> rows = List.of(
                    new CliRow("ocli --version", cmd(ocli, "--version"), plainEnv, 4.0, null),
                    new CliRow("daemon: catalog list", cmd(ocli, "--runtime", small.url(), "catalog", "list"), smallEnv, 8.0, null),
                    new CliRow("daemon: tool call --dry-run", cmd(ocli, "--runtime", small.url(), "upstream", "tickets",
                            "list-tickets", "--dry-run"), smallEnv, 8.0, null),
                    new CliRow("daemon: tool call, real GET", cmd(ocli, "--runtime", small.url(), "upstream", "tickets",
                            "list-tickets"), smallEnv, 8.0, null),
                    new CliRow("daemon, GitHub (1,223 tools): tool call --dry-run",
                            cmd(ocli, "--runtime", github.url(), GITHUB_CALL.split(" ")), githubEnv, 10.0, 128L * 1024),
                    new CliRow("managed daemon: first call (starts oclird)", cmd(ocli, "--config", coldConfig, "upstream", "tickets",
                            "list-tickets"), managedEnv, null, null, cmd(ocli, "--config", coldConfig, "runtime", "stop")),
                    new CliRow("managed daemon: later call", cmd(ocli, "--config", warmConfig, "upstream", "tickets",
                            "list-tickets"), managedEnv, null, null),
                    new CliRow("embedded: --demo catalog list", cmd(ocli, "--demo", "catalog", "list"), plainEnv, 15.0, null),
                    new CliRow("embedded, GitHub: tool call --dry-run",
                            cmd(ocli, "--embedded", "--config", githubConfig.toString(), GITHUB_CALL.split(" ")), plainEnv, null, null));

            // one unmeasured pass: the daemons build their catalogs, the page cache holds the jars
            TimedProcess.Result warm = TimedProcess.run(hello, Map.of(), cwd, scratch);
            check("hello world", warm);
            for (CliRow row : rows) {
                check(row.name(), TimedProcess.run(row.command(), row.env(), cwd, scratch));
                after(row, cwd, scratch);
            }

            List<TimedProcess.Result> baseline = new ArrayList<>();
            Map<CliRow, List<TimedProcess.Result>> results = new LinkedHashMap<>();
            for (int round = 0; round < runs; round++) {
                baseline.add(check("hello world", TimedProcess.run(hello, Map.of(), cwd, scratch)));
                for (CliRow row : rows) {
                    results.computeIfAbsent(row, r -> new ArrayList<>()).add(check(row.name(), TimedProcess.run(row.command(), row.env(), cwd, scratch)));
                    after(row, cwd, scratch);
                }
            }
            check("stop the managed daemon", TimedProcess.run(cmd(ocli, "--config", warmConfig, "runtime", "stop"), managedEnv, cwd, scratch));
            long[] smallBytes = catalogBytes(small, cmd(ocli, "catalog", "list"), home, work, cwd, scratch);
            long[] githubBytes = catalogBytes(github, cmd(ocli, GITHUB_CALL.split(" ")), home, work, cwd, scratch);
            String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
            report(runs, hello, baseline, results, smallBytes, githubBytes, loadBefore, loadAfter, root.resolve("target/bench/cli.json"));
        }
    }

    private static void after(CliRow row, Path cwd, Path scratch) throws Exception {
        if (row.after() != null) check(row.name() + " (after)", TimedProcess.run(row.after(), row.env(), cwd, scratch));
    }

    /** Catalog body bytes of two consecutive calls through the counting proxy (the second may reuse a cached copy). */
    private static long[] catalogBytes(BenchDaemon daemon, List<String> call, Path home, Path work, Path cwd, Path scratch) throws Exception {
        try (CatalogByteCounter proxy = new CatalogByteCounter(daemon.url(), daemon.clientKey())) {
            long[] bytes = new long[2];
            for (int i = 0; i < 2; i++) {
                List<String> command = new ArrayList<>(call.subList(0, 1));
                command.addAll(List.of("--runtime", proxy.url()));
                command.addAll(call.subList(1, call.size()));
                check("catalog bytes: " + String.join(" ", command), TimedProcess.run(command, env(home, work.resolve("proxy-state")), cwd, scratch));
                bytes[i] = proxy.takeCatalogBytes();
            }
            return bytes;
        }
    }

    private static void report(int runs, List<String> hello, List<TimedProcess.Result> baseline, Map<CliRow, List<TimedProcess.Result>> results,
                               long[] smallBytes, long[] githubBytes, String loadBefore, String loadAfter, Path json) throws Exception {
        double floor = Stats.median(millis(baseline));
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode doc = mapper.createObjectNode();
        doc.put("runs", runs).put("cores", Runtime.getRuntime().availableProcessors())
                .put("loadavgBefore", loadBefore).put("loadavgAfter", loadAfter)
                .put("baseline", String.join(" ", hello)).put("baselineMedianMs", round(floor))
                .put("baselineCpuMedianMs", round(Stats.median(cpu(baseline))));
        ArrayNode rows = doc.putArray("rows");
        System.out.printf("bench-cli: %d rounds, %d cores, load average before %s, after %s%n", runs,
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
        double cpuFloor = Stats.median(cpu(baseline));
        System.out.printf("  baseline: %s -> median %.0f ms (min %.0f, max %.0f), CPU %.0f ms, peak RSS %d MiB%n", String.join(" ", hello),
                floor, Stats.percentile(millis(baseline), 0), Stats.percentile(millis(baseline), 100), cpuFloor, peakMiB(baseline));
        System.out.printf("  GitHub tool call: %s%n", GITHUB_CALL);
        System.out.printf("  %-46s %8s %7s %7s %6s %7s %-9s %9s %8s%n", "row", "median", "min", "max", "ratio", "target", "", "CPU ratio", "peak RSS");
        for (Map.Entry<CliRow, List<TimedProcess.Result>> entry : results.entrySet()) {
            CliRow row = entry.getKey();
            List<Double> ms = millis(entry.getValue());
            double median = Stats.median(ms);
            double ratio = median / floor;
            long rssMiB = peakMiB(entry.getValue());
            Boolean met = row.targetRatio() == null ? null : ratio <= row.targetRatio()
                    && (row.rssLimitKib() == null || rssMiB * 1024 <= row.rssLimitKib());
            String target = row.targetRatio() == null ? "-" : String.format("%.0fx", row.targetRatio());
            double cpuRatio = Stats.median(cpu(entry.getValue())) / cpuFloor;
            System.out.printf("  %-46s %6.0fms %7.0f %7.0f %5.1fx %7s %-9s %8.1fx %4d MiB%s%n", row.name(), median, Stats.percentile(ms, 0),
                    Stats.percentile(ms, 100), ratio, target, met == null ? "reported" : met ? "met" : "NOT met", cpuRatio, rssMiB,
                    row.rssLimitKib() == null ? "" : " (target <= " + row.rssLimitKib() / 1024 + " MiB)");
            ObjectNode r = rows.addObject().put("row", row.name()).put("command", String.join(" ", row.command()))
                    .put("medianMs", round(median)).put("minMs", round(Stats.percentile(ms, 0))).put("maxMs", round(Stats.percentile(ms, 100)))
                    .put("ratio", round(ratio)).put("cpuMedianMs", round(Stats.median(cpu(entry.getValue()))))
                    .put("cpuRatio", round(cpuRatio)).put("peakRssMiB", rssMiB);
            if (row.targetRatio() != null) r.put("targetRatio", row.targetRatio()).put("met", met);
            if (row.rssLimitKib() != null) r.put("targetPeakRssMiB", row.rssLimitKib() / 1024);
        }
        System.out.printf("  catalog bytes transferred, daemon catalog list: first call %,d, second call %,d%n", smallBytes[0], smallBytes[1]);
        System.out.printf("  catalog bytes transferred, GitHub tool call:    first call %,d, second call %,d (target: second call 0)%n",
                githubBytes[0], githubBytes[1]);
        doc.putObject("catalogBytes").put("daemonCatalogListFirst", smallBytes[0]).put("daemonCatalogListSecond", smallBytes[1])
                .put("githubToolCallFirst", githubBytes[0]).put("githubToolCallSecond", githubBytes[1]);
        mapper.writeValue(json.toFile(), doc);
        System.out.println("  written to " + json);
    }

    private static TimedProcess.Result check(String name, TimedProcess.Result result) {
        if (result.exitCode() != 0) {
            System.err.printf("bench-cli: '%s' exited with %d; the run is broken:%n%s%n", name, result.exitCode(), result.stderr().strip());
            System.exit(1);
        }
        return result;
    }

    private static Map<String, String> env(Path home, Path stateDir) {
        return Map.of("HOME", home.toString(), "OCLI_STATE_DIR", stateDir.toString(), "XDG_CONFIG_HOME", home.resolve(".config").toString(),
                "XDG_CACHE_HOME", home.resolve(".cache").toString(), "XDG_STATE_HOME", home.resolve(".local/state").toString());
    }

    /** A command line from words and word arrays. */
    private static List<String> cmd(Object... parts) {
        List<String> command = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof String[] words) command.addAll(List.of(words));
            else command.add((String) part);
        }
        return command;
    }

    private static List<Double> millis(List<TimedProcess.Result> results) {
        return results.stream().map(TimedProcess.Result::millis).toList();
    }

    private static List<Double> cpu(List<TimedProcess.Result> results) {
        return results.stream().map(TimedProcess.Result::cpuMillis).toList();
    }

    private static long peakMiB(List<TimedProcess.Result> results) {
        return results.stream().mapToLong(TimedProcess.Result::peakRssKib).max().orElse(0) / 1024;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
