package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencli.fleet.Daemon;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * The audit trail survives {@code kill -9} under load: 16 clients execute against oclird (fsync
 * batch), each remembering the {@code X-Request-Id} of every answer it received; the daemon is
 * killed mid-load and restarted on the same state. Every answered execution must have its record,
 * the chain must verify, no torn line may remain (a torn tail is cut and recorded as
 * {@code audit_recovered}) and seq continues. Then backpressure: a stalled SSE subscriber does not
 * slow executions, and gets a {@code gap} once it reads.
 */
public final class AuditDurabilityLane implements Lane {
    private static final String INSTANCE = "durability";
    private static final int CLIENTS = 16;
    /** Answers to collect before the kill: enough that the kill lands mid-load. */
    private static final int ANSWERS_BEFORE_KILL = 400;
    private static final int BACKPRESSURE_EXECUTIONS = 2000;
    /**
     * Cheap executions (an unknown tool: refused and recorded without an upstream call) after the
     * measured phase, enough to overflow what kernel socket buffers (up to 4 MiB on loopback) and the
     * subscriber's 1024-record buffer absorb, so the stalled subscriber must be told about a gap.
     */
    private static final int FLOOD_EXECUTIONS = 14000;
    /** Generous: the stalled subscriber may cost something, but never an order of magnitude. */
    private static final double MAX_SLOWDOWN = 3.0;

    @Override
    public void run(LaneContext ctx) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamProject project = UpstreamProject.create(ctx, upstream,
                    config -> ((ObjectNode) config.putObject("audit")).put("fsync", "batch"));
            Path auditFile = ctx.stateDir().resolve("instances").resolve(INSTANCE).resolve("audit.log");

            Daemon first = ctx.startDaemon(INSTANCE, project.env(), "--config", project.config.toString());
            Set<String> answered = ConcurrentHashMap.newKeySet();
            AtomicInteger refused = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch enough = new CountDownLatch(ANSWERS_BEFORE_KILL);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                Thread t = new Thread(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        String id = "dur-" + client + "-" + n;
                        try {
                            HttpResponse<String> r = execute(ctx, first.url(), id);
                            if (r.statusCode() == 200) {
                                answered.add(r.headers().firstValue("X-Request-Id").orElse("missing:" + id));
                                enough.countDown();
                            } else {
                                refused.incrementAndGet();
                            }
                        } catch (IOException | InterruptedException gone) {
                            return; // the daemon was killed: this client's last request got no answer
                        }
                    }
                }, "audit-lane-client-" + c);
                t.start();
                clients.add(t);
            }
            boolean loaded = enough.await(120, TimeUnit.SECONDS);
            long killedPid = first.process().pid();
            first.process().toHandle().destroyForcibly(); // kill -9, mid-load
            first.process().waitFor(30, TimeUnit.SECONDS);
            stop.set(true);
            for (Thread t : clients) t.join(TimeUnit.SECONDS.toMillis(90));
            ctx.log("killed oclird pid " + killedPid + " with SIGKILL after " + answered.size() + " answers");
            ctx.check("16 clients had " + ANSWERS_BEFORE_KILL + "+ executions answered before the kill", loaded,
                    answered.size() + " answered, " + refused.get() + " non-200");
            ctx.check("every answer carried the X-Request-Id it was sent", answered.stream().noneMatch(id -> id.startsWith("missing:")), "");

            String tail = tailOf(auditFile);
            boolean tornByCrash = !tail.isEmpty() && !tail.endsWith("\n");
            if (!tornByCrash) {
                // the kill landed between writes (the usual case): leave what a kill mid-write leaves,
                // half a line, so recovery is exercised on every run
                Files.writeString(auditFile, "{\"seq\":999999,\"timestamp\":\"2026-", StandardOpenOption.APPEND);
            }
            ctx.log("audit tail after the kill " + (tornByCrash ? "was torn by the crash" : "was whole; half a line appended"));
            long seqBeforeRestart = lastWholeSeq(auditFile);

            Daemon second = ctx.startDaemon(INSTANCE, project.env(), "--config", project.config.toString());
            HttpResponse<String> after = execute(ctx, second.url(), "dur-after-restart");
            ctx.check("the restarted daemon executes", after.statusCode() == 200, "status " + after.statusCode());

            List<JsonNode> records = new ArrayList<>();
            int unparsable = 0;
            for (String line : Files.readAllLines(auditFile)) {
                try {
                    records.add(ctx.json(line));
                } catch (IOException e) {
                    unparsable++;
                }
            }
            ctx.check("no torn line remains in the audit file", unparsable == 0 && Files.readString(auditFile).endsWith("\n"),
                    unparsable + " unparsable lines");
            Set<String> recorded = new HashSet<>();
            JsonNode recovered = null;
            JsonNode afterRecord = null;
            for (JsonNode r : records) {
                if ("tool_execution".equals(r.path("eventType").asText())) recorded.add(r.path("requestId").asText());
                if ("audit_recovered".equals(r.path("eventType").asText())) recovered = r;
                if ("dur-after-restart".equals(r.path("requestId").asText())) afterRecord = r;
            }
            Set<String> missing = new HashSet<>(answered);
            missing.removeAll(recorded);
            ctx.check("every execution whose answer reached a client has its audit record", missing.isEmpty(),
                    answered.size() + " answered, " + missing.size() + " without a record" + (missing.isEmpty() ? "" : ": " + sample(missing)));
            ctx.check("the torn tail was cut and an audit_recovered record says so", recovered != null
                    && recovered.path("seq").asLong() == seqBeforeRestart + 1, recovered == null ? "no audit_recovered record"
                            : "seq " + recovered.path("seq").asLong() + ": " + recovered.path("detail").asText());
            ctx.check("seq continues after the restart", afterRecord != null && afterRecord.path("seq").asLong() > seqBeforeRestart + 1,
                    afterRecord == null ? "no record for dur-after-restart" : "seq " + afterRecord.path("seq").asLong()
                            + " after " + seqBeforeRestart + " before the kill");

            ProcResult verify = ctx.ocli("--instance-id", INSTANCE, "audit", "verify");
            ctx.check("ocli audit verify succeeds (the daemon's auditPath from the registry)",
                    verify.exitCode() == 0 && verify.stdout().startsWith("verified " + records.size() + " records"),
                    verify.stdout().strip());
            ProcResult found = ctx.ocli("--instance-id", INSTANCE, "audit", "list", "--request-id", "dur-after-restart",
                    "--format", "json");
            ctx.check("ocli audit list finds a record by request id over the daemon's API",
                    found.exitCode() == 0 && ctx.json(found.stdout()).path("events").size() == 1, found.stderr().strip());

            backpressure(ctx, second);
        }
    }

    private void backpressure(LaneContext ctx, Daemon daemon) throws Exception {
        double baseline = throughput(ctx, daemon.url(), "free", BACKPRESSURE_EXECUTIONS, "upstream:echoGet", 200);
        URI stream = URI.create(daemon.url() + "/v1/audit/stream");
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096); // a small window: the kernel absorbs little of the stream
            socket.connect(new InetSocketAddress(stream.getHost(), stream.getPort()), 5000);
            socket.getOutputStream().write(("GET " + stream.getPath() + " HTTP/1.1\r\nHost: " + stream.getHost()
                    + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + daemon.clientKey() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            double stalled = throughput(ctx, daemon.url(), "stalled", BACKPRESSURE_EXECUTIONS, "upstream:echoGet", 200);
            throughput(ctx, daemon.url(), "flood", FLOOD_EXECUTIONS, "upstream:noSuchTool", 404);
            ctx.check("throughput with a stalled SSE subscriber stays within " + MAX_SLOWDOWN + "x of throughput without one",
                    stalled * MAX_SLOWDOWN >= baseline, String.format("%.0f/s without, %.0f/s with the stalled subscriber", baseline, stalled));

            socket.setSoTimeout(15000);
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String gap = null;
            String line;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            try {
                while (gap == null && System.nanoTime() < deadline && (line = reader.readLine()) != null) {
                    if (line.equals("event: gap") || line.equals("event:gap")) {
                        String data = reader.readLine();
                        while (data != null && !data.startsWith("data:")) data = reader.readLine();
                        gap = data;
                    }
                }
            } catch (SocketTimeoutException e) {
                ctx.log("no more stream data within 15s");
            }
            ctx.check("the stalled subscriber, once it reads, gets a gap event naming the seqs to fetch",
                    gap != null && gap.contains("fromSeq") && gap.contains("toSeq"), String.valueOf(gap));
        }
    }

    /** Executions per second of {@code count} executions of {@code tool} spread over the clients. */
    private static double throughput(LaneContext ctx, String url, String label, int count, String tool, int status)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            Thread t = new Thread(() -> {
                for (int n; (n = next.getAndIncrement()) < count;) {
                    try {
                        if (execute(ctx, url, label + "-" + n, tool).statusCode() != status) failed.incrementAndGet();
                    } catch (IOException | InterruptedException e) {
                        failed.incrementAndGet();
                    }
                }
            });
            t.start();
            clients.add(t);
        }
        for (Thread t : clients) t.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = count / seconds;
        ctx.log(String.format("%s: %d executions of %s in %.2fs (%.0f/s), %d failed", label, count, tool, seconds, rate,
                failed.get()));
        ctx.check(label + ": " + count + " executions of " + tool + " all answered " + status, failed.get() == 0,
                failed.get() + " did not");
        return rate;
    }

    private static HttpResponse<String> execute(LaneContext ctx, String url, String requestId)
            throws IOException, InterruptedException {
        return execute(ctx, url, requestId, "upstream:echoGet");
    }

    private static HttpResponse<String> execute(LaneContext ctx, String url, String requestId, String tool)
            throws IOException, InterruptedException {
        String body = "{\"toolId\":\"" + tool + "\",\"pathArgs\":[\"" + requestId + "\"],\"flags\":{}}";
        return ctx.http().send(ctx.request(url + "/v1/tools/execute")
                .header("Content-Type", "application/json").header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String tailOf(Path file) throws IOException {
        if (!Files.exists(file)) return "";
        byte[] all = Files.readAllBytes(file);
        int from = Math.max(0, all.length - 200);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    /** The seq of the last complete line. */
    private static long lastWholeSeq(Path file) throws IOException {
        String text = Files.readString(file);
        int end = text.lastIndexOf('\n');
        if (end < 0) return 0;
        int start = text.lastIndexOf('\n', end - 1) + 1;
        Map<String, Object> last = new com.fasterxml.jackson.databind.ObjectMapper().readValue(text.substring(start, end), HashMap.class);
        return ((Number) last.get("seq")).longValue();
    }

    private static String sample(Set<String> ids) {
        return ids.stream().sorted().limit(5).toList().toString();
    }
}
