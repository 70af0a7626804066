package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.opencli.fleet.Daemon;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * SIGTERM in the middle of a burst: oclird stops accepting (calls sent after the signal are refused
 * with a 503 problem or find the port closed, and none reaches the upstream), finishes the calls
 * in flight within {@code --shutdown-timeout} (the rest are answered 503 and recorded as cut off),
 * exits within a bound, and leaves an audit trail that holds a record for every call that reached
 * the upstream and an {@code allow} record for every 200 a caller received, and that verifies.
 * Each call asks the slow endpoint for a distinct delay, so the upstream's request log names which
 * calls arrived; the audit record names the call by its request id.
 */
public final class ShutdownUnderLoadLane implements Lane {
    private static final String INSTANCE = "shutdown-load";
    private static final int BURST = 200;
    private static final String GRACE = "3s";
    /**
     * SIGTERM to exit: the drain's grace, then Quarkus' wait for the last answers (also the grace,
     * {@code --shutdown-timeout} sets both), with room for a loaded machine.
     */
    private static final long EXIT_BOUND_SECONDS = 2 * 3 + 15;
    private static final int LATE_DELAY = 90_000;

    @Override
    public void run(LaneContext ctx) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamProject project = UpstreamProject.create(ctx, upstream, config -> {});
            Daemon daemon = ctx.startDaemon(INSTANCE, project.env(), "--config", project.config.toString(),
                    "--shutdown-timeout", GRACE);
            String execute = daemon.url() + "/v1/tools/execute";
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < BURST; i++) calls.add(call(ctx, execute, "burst-" + i, delayOf(i)));

            // SIGTERM once the burst is under way at the upstream
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (project.requestCount(ctx) < 60 && System.nanoTime() < deadline) LockSupport.parkNanos(50_000_000L);
            int before = project.requestCount(ctx);
            ctx.log("SIGTERM with " + before + " requests at the upstream");
            long signalled = System.nanoTime();
            daemon.process().destroy(); // SIGTERM
            // A signal is handled asynchronously: "after SIGTERM" means once oclird says its drain began.
            long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!java.nio.file.Files.readString(ctx.daemonLog(INSTANCE)).contains("shutdown: taking no new executions")
                    && System.nanoTime() < drainDeadline) {
                LockSupport.parkNanos(10_000_000L);
            }
            List<CompletableFuture<HttpResponse<String>>> late = new ArrayList<>();
            for (int i = 0; i < 5; i++) late.add(call(ctx, execute, "late-" + i, LATE_DELAY + i));

            int answered200 = 0;
            int answered503 = 0;
            int otherAnswers = 0;
            int dropped = 0;
            int notProblem = 0;
            Set<String> acknowledged = new TreeSet<>();
            for (int i = 0; i < calls.size(); i++) {
                try {
                    HttpResponse<String> r = calls.get(i).get(120, TimeUnit.SECONDS);
                    if (r.statusCode() == 200) acknowledged.add("burst-" + i);
                    if (r.statusCode() == 200) answered200++;
                    else if (r.statusCode() == 503) answered503++;
                    else otherAnswers++;
                    if (r.statusCode() != 200 && !r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                        notProblem++;
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    dropped++;
                }
            }
            int lateProblems = 0;
            int lateClosed = 0;
            List<String> lateOther = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> c : late) {
                try {
                    HttpResponse<String> r = c.get(120, TimeUnit.SECONDS);
                    String code = r.body().isBlank() ? "(no body)" : ctx.json(r.body()).path("code").asText();
                    if (r.statusCode() == 503 && code.equals("shutting_down")) lateProblems++;
                    else lateOther.add(r.statusCode() + " " + code);
                } catch (java.util.concurrent.ExecutionException refusedConnection) {
                    lateClosed++; // the port was closed already: nothing was started
                }
            }
            boolean exited = daemon.process().waitFor(60, TimeUnit.SECONDS);
            long stopSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - signalled);
            ctx.log("SIGTERM to exit: " + stopSeconds + " s (bound " + EXIT_BOUND_SECONDS + " s)");
            ctx.check("oclird stops after SIGTERM within the grace and the answers' time", exited && stopSeconds <= EXIT_BOUND_SECONDS,
                    exited ? "exit " + daemon.process().exitValue() + " after " + stopSeconds + " s" : "still running");
            ctx.check("oclird accepts no new execution after SIGTERM: each late call is refused with a 503 shutting_down problem or finds the port closed",
                    lateOther.isEmpty(), lateProblems + " refused, " + lateClosed + " closed, other: " + lateOther);
            ctx.log("burst answers: " + answered200 + " x 200, " + answered503 + " x 503, " + otherAnswers + " other, "
                    + dropped + " dropped; late calls refused with a problem: " + lateProblems);
            ctx.check("every caller of the burst got an answer, none a dropped connection", dropped == 0,
                    dropped + " of " + BURST + " dropped");
            ctx.check("calls that finish within the grace are answered 200; the rest get a 503 problem",
                    answered200 >= 1 && answered503 >= 1 && otherAnswers == 0 && notProblem == 0,
                    answered200 + " x 200, " + answered503 + " x 503, " + otherAnswers + " other, " + notProblem + " non-problem bodies");

            Set<Integer> reached = new TreeSet<>();
            int lateReached = 0;
            for (JsonNode r : project.requests(ctx)) {
                if (!r.path("path").asText().endsWith("/slow")) continue;
                String query = r.path("query").asText("");
                if (!query.startsWith("ms=")) continue;
                int ms = Integer.parseInt(query.substring(3));
                if (ms >= LATE_DELAY && ms < LATE_DELAY + late.size()) lateReached++;
                else reached.add(ms);
            }
            ctx.check("no call sent after SIGTERM reached the upstream", lateReached == 0, lateReached + " reached it");
            Path auditFile = ctx.stateDir().resolve("instances").resolve(INSTANCE).resolve("audit.log");
            Set<String> audited = new HashSet<>();
            Set<String> allowed = new HashSet<>();
            int cutOff = 0;
            int refused = 0;
            for (String line : Files.readAllLines(auditFile)) {
                JsonNode record = ctx.json(line);
                if (!"tool_execution".equals(record.path("eventType").asText())) continue;
                audited.add(record.path("requestId").asText());
                if ("allow".equals(record.path("decision").asText())) allowed.add(record.path("requestId").asText());
                if ("shutdown_cut_off".equals(record.path("reasonCode").asText())) cutOff++;
                if ("shutting_down".equals(record.path("reasonCode").asText())) refused++;
            }
            List<String> unaudited = new ArrayList<>();
            for (int ms : reached) {
                String id = "burst-" + callOf(ms);
                if (!audited.contains(id)) unaudited.add(id);
            }
            ctx.log("upstream received " + reached.size() + " burst calls; audit has " + audited.size()
                    + " execution records (" + cutOff + " cut off, " + refused + " refused)");
            ctx.check("every call that reached the upstream has its audit record", unaudited.isEmpty() && !reached.isEmpty(),
                    reached.size() + " reached, unaudited: " + unaudited.stream().limit(5).toList());
            ctx.check("calls still running at the end of the grace are recorded as cut off", cutOff >= 1, cutOff + " cut off");
            List<String> lost = acknowledged.stream().filter(id -> !allowed.contains(id)).toList();
            ctx.check("every execution acknowledged with a 200 has its allow record in the audit trail after the exit",
                    lost.isEmpty() && !acknowledged.isEmpty(), acknowledged.size() + " acknowledged, without a record: "
                            + lost.stream().limit(5).toList());

            ProcResult verify = ctx.ocli("--instance-id", INSTANCE, "audit", "verify");
            ctx.check("ocli audit verify passes after the shutdown", verify.exitCode() == 0,
                    verify.stdout().strip() + verify.stderr().strip());
        }
    }

    /**
     * Distinct per call, so the upstream's log names the call: every fourth call takes ~60 s (it is
     * cut off by the shutdown), the others ~1 s (they finish within the grace).
     */
    private static int delayOf(int i) {
        return i % 4 == 3 ? 60_000 + i : 1000 + i;
    }

    private static int callOf(int ms) {
        return ms >= 60_000 ? ms - 60_000 : ms - 1000;
    }

    private static CompletableFuture<HttpResponse<String>> call(LaneContext ctx, String execute, String requestId, int ms) {
        String body = "{\"toolId\":\"upstream:getSlow\",\"flags\":{\"ms\":" + ms + "}}";
        return ctx.http().sendAsync(ctx.request(execute).timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                .header("X-Request-Id", requestId).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
