package org.opencli.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencli.cli.CliException;

/**
 * {@code ocli refresh}'s reading of {@code POST /v1/refresh} from a server posing as the daemon: NDJSON
 * progress handed on while the answer is still being written, the report at its end, a problem line
 * thrown, a plain JSON answer (a runtime without NDJSON) read as the report, bounds on lines.
 */
class RefreshAnswerTest {
    private static final String SOURCE_A = "{\"event\":\"source\",\"source\":{\"id\":\"a\",\"cacheOutcome\":\"refreshed\"}}\n";
    private static final String REPORT = "{\"event\":\"report\",\"report\":{\"refreshedAt\":\"2026-01-01T00:00:00Z\","
            + "\"catalogRebuilt\":true,\"sources\":[{\"id\":\"a\",\"cacheOutcome\":\"refreshed\"}]}}\n";

    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final CountDownLatch progressHeard = new CountDownLatch(1);
    private final AtomicBoolean heardBeforeTheRest = new AtomicBoolean();
    private final AtomicReference<String> accept = new AtomicReference<>();
    private final AtomicReference<String> answer = new AtomicReference<>();
    private HttpServer daemon;

    @BeforeEach
    void start() throws IOException {
        daemon = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        daemon.setExecutor(handlers);
        daemon.createContext("/v1/refresh", ex -> {
            accept.set(ex.getRequestHeaders().getFirst("Accept"));
            ex.getRequestBody().readAllBytes();
            String whole = answer.get();
            boolean ndjson = whole.startsWith("{\"event\"");
            ex.getResponseHeaders().set("Content-Type", ndjson ? RefreshAnswer.NDJSON : "application/json");
            ex.sendResponseHeaders(200, 0); // chunked
            OutputStream out = ex.getResponseBody();
            int firstLine = whole.indexOf('\n') + 1;
            out.write(whole.substring(0, firstLine).getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                // the rest only once the client has shown the first line (or after a bound, to fail the test)
                heardBeforeTheRest.set(!ndjson || progressHeard.await(20, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write(whole.substring(firstLine).getBytes(StandardCharsets.UTF_8));
            out.close();
        });
        daemon.start();
    }

    @AfterEach
    void stop() {
        daemon.stop(0);
        handlers.shutdownNow();
    }

    private JsonNode refresh(List<String> heard) {
        try (HttpRuntimeClient client = new HttpRuntimeClient("http://127.0.0.1:" + daemon.getAddress().getPort())) {
            return client.refresh("/x/.cli.json", null, s -> {
                heard.add(s.path("id").asText() + ":" + s.path("cacheOutcome").asText());
                progressHeard.countDown();
            });
        }
    }

    @Test
    void eachSourceIsHeardWhileTheAnswerIsStillBeingWrittenThenTheReportIsAnswered() {
        answer.set(SOURCE_A + REPORT);
        List<String> heard = new ArrayList<>();
        JsonNode report = refresh(heard);
        assertThat(accept.get()).startsWith(RefreshAnswer.NDJSON);
        assertThat(heardBeforeTheRest).isTrue();
        assertThat(heard).containsExactly("a:refreshed");
        assertThat(report.path("catalogRebuilt").asBoolean()).isTrue();
        assertThat(report.path("sources").get(0).path("id").asText()).isEqualTo("a");
        assertThat(report.has("event")).isFalse();
    }

    @Test
    void aRuntimeThatAnswersPlainJsonIsReadAsTheReportWithoutProgress() {
        answer.set("{\"refreshedAt\":\"2026-01-01T00:00:00Z\",\"catalogRebuilt\":false,\"sources\":[]}");
        List<String> heard = new ArrayList<>();
        JsonNode report = refresh(heard);
        assertThat(heard).isEmpty();
        assertThat(report.path("catalogRebuilt").asBoolean(true)).isFalse();
    }

    @Test
    void aProblemAfterTheAnswerBeganIsThrownAsThatProblem() {
        answer.set(SOURCE_A + "{\"event\":\"problem\",\"problem\":{\"type\":\"urn:open-cli:problem:internal_error\","
                + "\"title\":\"Internal error\",\"status\":500,\"detail\":\"boom\",\"code\":\"internal_error\"}}\n");
        assertThatThrownBy(() -> refresh(new ArrayList<>())).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.getMessage() + e.problem().code()).contains("internal_error"));
    }

    @Test
    void anAnswerCutBeforeItsReportIsUnusable() {
        answer.set(SOURCE_A + "{\"event\":\"source\",\"source\":{\"id\":\"b\"}}\n");
        assertThatThrownBy(() -> refresh(new ArrayList<>())).isInstanceOfSatisfying(CliException.class,
                e -> assertThat(e.problem().code()).isEqualTo("runtime_answer_unusable"));
    }

    @Test
    void linesAreBoundedInLengthAndNumber() {
        List<String> lines = new ArrayList<>();
        NdjsonLines tap = new NdjsonLines(b -> lines.add(new String(b, StandardCharsets.UTF_8)), 4, 2);
        byte[] bytes = "abcd\nabcdefgh\nxy".getBytes(StandardCharsets.UTF_8);
        tap.accept(bytes, 0, 7); // a line may end in a later chunk
        tap.accept(bytes, 7, bytes.length - 7);
        tap.accept("\nmore\n".getBytes(StandardCharsets.UTF_8), 0, 6);
        // the 8-byte line is skipped whole, "more" is past the count
        assertThat(lines).containsExactly("abcd", "xy");
    }
}
