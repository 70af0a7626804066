package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.opencli.core.audit.syslog.Rsyslogd;
import org.opencli.fleet.Daemon;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * Shipping to a SIEM from config: oclird started with {@code audit.syslog} pointed at a real
 * rsyslogd ships every execution record as RFC 5424; with rsyslogd stopped executions answer as
 * fast as before (records wait in the backlog under the audit directory) and arrive once it is back.
 */
public final class AuditSyslogLane implements Lane {
    private static final String INSTANCE = "syslog";
    private static final int CALLS = 20;
    /** An execution against the loopback upstream takes milliseconds; a blocked exporter would take seconds. */
    private static final long MAX_LATENCY_MS = 2000;

    @Override
    public void run(LaneContext ctx) throws Exception {
        Path rsyslogDir = Files.createDirectories(ctx.workDir().resolve("rsyslog"));
        try (TestUpstream upstream = TestUpstream.start(0); Rsyslogd rsyslog = Rsyslogd.plain(rsyslogDir).start()) {
            ctx.log("rsyslogd listening on 127.0.0.1:" + rsyslog.port() + ", writing " + rsyslog.received());
            UpstreamProject project = UpstreamProject.create(ctx, upstream, config -> {
                ObjectNode syslog = ((ObjectNode) config.putObject("audit")).putObject("syslog");
                syslog.put("host", "127.0.0.1").put("port", rsyslog.port()).put("appName", "ocli-lane")
                        .put("backlogMaxBytes", 1048576);
            });
            Daemon daemon = ctx.startDaemon(INSTANCE, project.env(), "--config", project.config.toString());

            List<Long> up = run(ctx, daemon.url(), "up");
            List<String> got = await(rsyslog, lines -> all(lines, "up"), 30);
            ctx.check("rsyslogd received the record of every execution", all(got, "up"), got.size() + " messages");
            String sample = got.stream().filter(l -> l.contains("syslog-up-0\"")).findFirst().orElse("");
            ctx.log("sample message: " + sample);
            ctx.check("messages are RFC 5424 with the configured APP-NAME, the event type and the structured data",
                    sample.matches("<110>1 \\S+ \\S+ ocli-lane \\d+ tool_execution \\[ocli@32473 seq=\"\\d+\" decision=\"allow\".*"),
                    sample.length() > 160 ? sample.substring(0, 160) + "…" : sample);

            rsyslog.stop();
            List<Long> down = run(ctx, daemon.url(), "down");
            long worst = down.stream().mapToLong(Long::longValue).max().orElse(0);
            ctx.check("with rsyslogd stopped every execution still answers 200 without delay",
                    down.size() == CALLS && worst < MAX_LATENCY_MS,
                    down.size() + " answered, slowest " + worst + " ms (with rsyslogd up: slowest "
                            + up.stream().mapToLong(Long::longValue).max().orElse(0) + " ms)");
            Path backlog = ctx.stateDir().resolve("instances").resolve(INSTANCE).resolve("syslog-backlog");
            ctx.check("the exporter's backlog lives next to the audit file", Files.isDirectory(backlog), backlog.toString());

            rsyslog.start();
            got = await(rsyslog, lines -> all(lines, "down"), 90);
            ctx.check("once rsyslogd is back, the records made while it was down arrive", all(got, "down"),
                    got.size() + " messages in all");
        }
    }

    /** {@link #CALLS} executions one after another; the latency of each that answered 200. */
    private static List<Long> run(LaneContext ctx, String url, String phase) throws IOException, InterruptedException {
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            String id = "syslog-" + phase + "-" + i;
            long start = System.nanoTime();
            HttpResponse<String> r = ctx.http().send(ctx.request(url + "/v1/tools/execute")
                    .header("Content-Type", "application/json").header("X-Request-Id", id)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"toolId\":\"upstream:echoGet\",\"pathArgs\":[\"" + id + "\"]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (r.statusCode() == 200) latencies.add(ms);
            else ctx.log(id + " answered " + r.statusCode() + ": " + r.body());
        }
        ctx.log(phase + ": latencies ms " + latencies);
        return latencies;
    }

    private static boolean all(List<String> lines, String phase) {
        for (int i = 0; i < CALLS; i++) {
            String needle = "\"requestId\":\"syslog-" + phase + "-" + i + "\"";
            if (lines.stream().noneMatch(l -> l.contains(needle))) return false;
        }
        return true;
    }

    private static List<String> await(Rsyslogd rsyslog, Predicate<List<String>> done, int seconds)
            throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<String> lines = rsyslog.lines();
        while (!done.test(lines) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // poll with a deadline
            lines = rsyslog.lines();
        }
        return lines;
    }
}
