package org.opencli.fleet.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.opencli.fleet.Daemon;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.upstream.TestUpstream;

/**
 * One writer per instance's audit trail: parallel embedded ocli calls for one instance take turns
 * on its writer lock; with the instance's daemon live, embedded calls go through the daemon while
 * others call it directly. Upstream requests equal audit records and the chain verifies; a copy of
 * the trail with a hand-made duplicate seq does not.
 */
public final class AuditConcurrentWritersLane implements Lane {
    private static final String INSTANCE = "writers";
    private static final int EMBEDDED = 5;
    private static final int DIRECT = 10;

    @Override
    public void run(LaneContext ctx) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(EMBEDDED + 1);
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamProject project = UpstreamProject.create(ctx, upstream, config -> {});
            Path auditFile = ctx.stateDir().resolve("instances").resolve(INSTANCE).resolve("audit.log");

            // 1. no daemon: parallel embedded calls, each its own process and its own writer in turn
            List<CompletableFuture<ProcResult>> embedded = embeddedCalls(ctx, project, pool, "alone");
            int ok = 0;
            for (CompletableFuture<ProcResult> c : embedded) if (c.get(180, TimeUnit.SECONDS).exitCode() == 0) ok++;
            ctx.check(EMBEDDED + " parallel embedded calls for one instance all succeed", ok == EMBEDDED, ok + " succeeded");
            checkOneRecordPerRequest(ctx, project, auditFile, "parallel embedded calls");

            // 2. the instance's daemon is live: embedded calls go through it, beside direct calls
            Daemon daemon = ctx.startDaemon(INSTANCE, project.env(), "--config", project.config.toString());
            List<CompletableFuture<HttpResponse<String>>> direct = new ArrayList<>();
            for (int i = 0; i < DIRECT; i++) {
                String body = "{\"toolId\":\"upstream:echoGet\",\"pathArgs\":[\"direct-" + i + "\"],\"flags\":{}}";
                direct.add(ctx.http().sendAsync(ctx.request(daemon.url() + "/v1/tools/execute")
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<CompletableFuture<ProcResult>> beside = embeddedCalls(ctx, project, pool, "beside-daemon");
            int besideOk = 0;
            for (CompletableFuture<ProcResult> c : beside) if (c.get(180, TimeUnit.SECONDS).exitCode() == 0) besideOk++;
            int directOk = 0;
            for (CompletableFuture<HttpResponse<String>> c : direct) if (c.get(60, TimeUnit.SECONDS).statusCode() == 200) directOk++;
            ctx.check("embedded calls made while the daemon is live succeed (through the daemon)", besideOk == EMBEDDED,
                    besideOk + " of " + EMBEDDED);
            ctx.check("direct calls to the daemon meanwhile succeed", directOk == DIRECT, directOk + " of " + DIRECT);
            ProcResult throughDaemon = ctx.ocliIn(project.dir, project.env(), "--embedded", "--instance-id", INSTANCE,
                    "runtime", "info", "--format", "json");
            ctx.check("--embedded with the instance's daemon live is served by the daemon",
                    throughDaemon.exitCode() == 0 && throughDaemon.stdout().contains(daemon.url()), throughDaemon.stdout().strip());
            checkOneRecordPerRequest(ctx, project, auditFile, "embedded and daemon calls together");
            daemon.close();

            ProcResult verify = ctx.ocli("--instance-id", INSTANCE, "audit", "verify");
            ctx.check("ocli audit verify passes", verify.exitCode() == 0, verify.stdout().strip() + verify.stderr().strip());

            // 3. a copy of the trail with a duplicated seq (what a second writer would leave) fails verification
            Path tampered = ctx.stateDir().resolve("instances").resolve(INSTANCE + "-tampered").resolve("audit.log");
            Files.createDirectories(tampered.getParent());
            List<String> lines = new ArrayList<>(Files.readAllLines(auditFile));
            lines.add(lines.size() - 1, lines.get(lines.size() - 2)); // the second-to-last record, twice
            Files.write(tampered, lines);
            ProcResult broken = ctx.ocli("--instance-id", INSTANCE + "-tampered", "audit", "verify");
            String said = broken.stdout() + broken.stderr();
            ctx.check("a hand-made duplicate seq makes ocli audit verify fail and say so",
                    broken.exitCode() == 9 && said.contains("seq"), "exit " + broken.exitCode() + ": " + said.strip());
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<CompletableFuture<ProcResult>> embeddedCalls(LaneContext ctx, UpstreamProject project,
                                                                     ExecutorService pool, String phase) {
        List<CompletableFuture<ProcResult>> calls = new ArrayList<>();
        for (int i = 0; i < EMBEDDED; i++) {
            String id = phase + "-" + i;
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return ctx.ocliIn(project.dir, project.env(), "--embedded", "--instance-id", INSTANCE,
                            "upstream", "diagnostics", "echo-get", id);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool));
        }
        return calls;
    }

    /** Every request the upstream received has exactly one execution record, no more, no fewer. */
    private static void checkOneRecordPerRequest(LaneContext ctx, UpstreamProject project, Path auditFile, String what)
            throws Exception {
        int requests = 0;
        for (JsonNode r : project.requests(ctx)) if (r.path("path").asText().contains("/echo/")) requests++;
        int records = 0;
        for (String line : Files.readAllLines(auditFile)) {
            JsonNode record = ctx.json(line);
            if ("tool_execution".equals(record.path("eventType").asText()) && "upstream:echoGet".equals(record.path("toolId").asText())) {
                records++;
            }
        }
        ctx.check(what + ": upstream requests = audit records", requests == records && requests > 0,
                requests + " requests, " + records + " records");
    }
}
