package org.opencli.service.observe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencli.service.AsOwner;

/**
 * A line the engine logs on its own thread while it works for a request (a retry, made on the
 * engine's retry thread after the upstream answered 503) names that request: the daemon's real log
 * output (its file handler, JSON lines) carries the request id and the trace id the upstream saw in
 * {@code traceparent}, and the thread keeps nothing of one request for the next.
 */
@QuarkusTest
@TestProfile(RequestLogsProfile.class)
class EngineThreadLogLinesTest extends AsOwner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ItemsUpstream upstream;

    @BeforeEach
    void world() throws IOException {
        upstream = new ItemsUpstream(true);
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    @Test
    void aRetryLoggedOnTheEnginesThreadNamesItsRequestAndTrace() throws IOException {
        String traceId = executeAs("log-lines-1");
        JsonNode line = retryLine("log-lines-1");
        assertThat(line.path("threadName").asText()).startsWith("ocli-retry-");
        assertThat(line.path("mdc").path("traceId").asText()).isEqualTo(traceId);

        // the engine's thread keeps nothing of the first request for the next one
        String second = executeAs("log-lines-2");
        assertThat(second).isNotEqualTo(traceId);
        assertThat(retryLine("log-lines-2").path("mdc").path("traceId").asText()).isEqualTo(second);
        assertThat(retryLines()).as("every retry line names its request").hasSize(2)
                .allSatisfy(l -> assertThat(l.path("mdc").path("requestId").asText()).startsWith("log-lines-"));
    }

    /** One execution (503, retried, 200) under {@code requestId}; the trace id the upstream saw. */
    private String executeAs(String requestId) {
        upstream.traceparents.clear();
        given().header("X-Request-Id", requestId).contentType("application/json")
                .body(upstream.executeBody())
                .when().post("/v1/tools/execute")
                .then().statusCode(200).header("X-Request-Id", requestId);
        assertThat(upstream.traceparents).hasSize(2);
        String traceId = upstream.traceparents.get(0).split("-")[1];
        assertThat(upstream.traceparents.get(1).split("-")[1]).as("both attempts are one trace").isEqualTo(traceId);
        return traceId;
    }

    /** The retry's line of {@code requestId} in the daemon's log file, once the file handler has written it. */
    private static JsonNode retryLine(String requestId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> retryLines().stream()
                .filter(l -> l.path("mdc").path("requestId").asText().equals(requestId)).findFirst(), Optional::isPresent).get();
    }

    /** The daemon's file handler writes JSON lines (quarkus-logging-json's default for files). */
    private static List<JsonNode> retryLines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(RequestLogsProfile.LOG_FILE)) {
            JsonNode entry = JSON.readTree(line);
            if (entry.path("loggerName").asText().equals("org.opencli.core.execution.RetryingSender")
                    && entry.path("message").asText().contains("HTTP 503; attempt 2")) {
                lines.add(entry);
            }
        }
        return lines;
    }
}
