package org.opencli.core.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.audit.AuditVerifier;
import org.opencli.core.error.OcliException;

/**
 * A stopping engine loses no record: running executions get a bounded time to finish, the rest are
 * recorded and answered as cut off, and new ones are refused (and recorded) instead of sent.
 */
class ShutdownDrainTest {
    @TempDir
    Path dir;
    ExecFixture f;
    HttpServer upstream;
    ExecutorService upstreamThreads = Executors.newCachedThreadPool();
    final CountDownLatch release = new CountDownLatch(1);
    final Semaphore arrived = new Semaphore(0);

    @BeforeEach
    void setUp() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.setExecutor(upstreamThreads);
        upstream.createContext("/", ex -> {
            arrived.release();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        upstream.start();
        f = new ExecFixture(dir).baseUrl("http://127.0.0.1:" + upstream.getAddress().getPort());
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        f.close();
        upstream.stop(0);
        upstreamThreads.shutdownNow();
    }

    private List<CompletableFuture<ExecuteResult>> start(int n) throws InterruptedException {
        List<CompletableFuture<ExecuteResult>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(f.engine().execute(f.call("exec:getItem").args("held-" + i).build()).toCompletableFuture());
        }
        assertThat(arrived.tryAcquire(n, 20, TimeUnit.SECONDS)).as("all calls reached the upstream").isTrue();
        return calls;
    }

    private static OcliException failureOf(CompletableFuture<ExecuteResult> call) {
        try {
            call.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
            assertThat(cause).isInstanceOf(OcliException.class);
            return (OcliException) cause;
        } catch (Exception e) {
            throw new AssertionError("no answer: " + e, e);
        }
        throw new AssertionError("expected the call to fail");
    }

    @Test
    void callsStillRunningAfterTheGraceAreRecordedAndAnsweredAsCutOff() throws Exception {
        List<CompletableFuture<ExecuteResult>> calls = start(3);
        int cut = f.engine().drain(Duration.ofMillis(200));
        assertThat(cut).isEqualTo(3);
        for (CompletableFuture<ExecuteResult> call : calls) {
            OcliException e = failureOf(call);
            assertThat(e.code()).isEqualTo("shutdown_cut_off");
            assertThat(e.kind().httpStatus()).isEqualTo(503);
        }
        List<JsonNode> records = f.auditLines();
        assertThat(records).hasSize(3).allSatisfy(r -> {
            assertThat(r.path("reasonCode").asText()).isEqualTo("shutdown_cut_off");
            assertThat(r.path("toolId").asText()).isEqualTo("exec:getItem");
        });

        OcliException refused = f.failure(f.call("exec:getItem").args("late"));
        assertThat(refused.code()).isEqualTo("shutting_down");
        release.countDown(); // the held calls now finish upstream: their records are already written, once
        // a wrongly written second record would come after the held answers: the trail must stay at 4 while they land
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() -> f.auditLines().size() == 4);
        assertThat(f.auditLines().get(3).path("reasonCode").asText()).isEqualTo("shutting_down");
        assertThat(f.server.seen).isEmpty(); // the refused call was never sent anywhere
        assertThat(AuditVerifier.verify(f.auditFile()).verified()).isTrue();
    }

    @Test
    void callsThatFinishWithinTheGraceAnswerNormally() throws Exception {
        List<CompletableFuture<ExecuteResult>> calls = start(2);
        CompletableFuture<Integer> drained = CompletableFuture.supplyAsync(() -> f.engine().drain(Duration.ofSeconds(20)));
        // the drain has begun once a new call is refused
        OcliException refused = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (refused == null && System.nanoTime() < deadline) {
            try {
                f.engine().execute(f.call("exec:getItem").dryRun().args("probe").build()).toCompletableFuture().join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof OcliException o && o.code().equals("shutting_down")) refused = o;
            }
        }
        assertThat(refused).as("new calls refused while draining").isNotNull();
        assertThat(drained).isNotDone();
        release.countDown();
        assertThat(drained.get(20, TimeUnit.SECONDS)).isZero();
        for (CompletableFuture<ExecuteResult> call : calls) assertThat(call.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(f.auditLines().stream().filter(r -> r.path("reasonCode").asText().equals("ok")).count()).isEqualTo(2);
    }
}
