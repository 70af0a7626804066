package org.opencli.service.observe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencli.service.AsOwner;

/**
 * One execution through the daemon as a trace: Quarkus' server span, the engine's steps under it, the
 * upstream continuing it through {@code traceparent} (the caller's trace when it sent one), and the
 * request id shared by the response, the server span and the audit record.
 */
@QuarkusTest
@TestProfile(TracingProfile.class)
class TracesAndRequestIdsTest extends AsOwner {
    @Inject
    MemorySpans spans;

    private ItemsUpstream upstream;

    @BeforeEach
    void world() throws IOException {
        upstream = new ItemsUpstream(false);
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    @Test
    void anExecutionIsOneTraceFromTheServerSpanToTheUpstream() {
        given().header("X-Request-Id", "trace-test-1").contentType("application/json").body(upstream.executeBody())
                .when().post("/v1/tools/execute")
                .then().statusCode(200).header("X-Request-Id", "trace-test-1");

        assertThat(upstream.traceparents).hasSize(1);
        String[] sent = upstream.traceparents.get(0).split("-");
        assertThat(sent).hasSize(4);
        assertThat(sent[0]).isEqualTo("00");
        assertThat(sent[1]).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
        assertThat(sent[3]).isEqualTo("01");
        String traceId = sent[1];

        List<SpanData> trace = spansOf(traceId, 6);
        SpanData server = only(trace, s -> s.getKind() == SpanKind.SERVER);
        assertThat(server.getName()).as("named by its route").isEqualTo("POST /v1/tools/execute");
        assertThat(server.getAttributes().get(RequestCorrelation.REQUEST_ID)).isEqualTo("trace-test-1");
        SpanData execution = named(trace, "ocli.execution");
        assertThat(execution.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(execution.getAttributes().asMap().toString()).contains("ocli.decision=allow", "ocli.tool=items:listItems",
                "ocli.status_class=2xx");
        SpanData build = named(trace, "ocli.catalog_build");
        assertThat(build.getParentSpanId()).isEqualTo(execution.getSpanId());
        assertThat(named(trace, "ocli.document_fetch").getParentSpanId()).isEqualTo(build.getSpanId());
        assertThat(named(trace, "ocli.policy_decision").getParentSpanId()).isEqualTo(execution.getSpanId());
        SpanData call = named(trace, "ocli.upstream_call");
        assertThat(call.getParentSpanId()).isEqualTo(execution.getSpanId());
        assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(call.getSpanId()).as("the upstream's parent is the call's own span").isEqualTo(sent[2]);

        given().queryParam("requestId", "trace-test-1").when().get("/v1/audit/events")
                .then().statusCode(200).body("events[0].requestId", equalTo("trace-test-1"))
                .body("events[0].toolId", equalTo("items:listItems"));
    }

    @Test
    void theCallersTraceIsContinuedToTheUpstream() {
        String callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String response = given().header("traceparent", "00-" + callerTrace + "-00f067aa0ba902b7-01")
                .contentType("application/json").body(upstream.executeBody())
                .when().post("/v1/tools/execute")
                .then().statusCode(200).extract().header("X-Request-Id");
        assertThat(response).as("a request id is minted when none was sent").matches("[0-9a-f-]{36}");
        assertThat(upstream.traceparents).singleElement().satisfies(tp -> assertThat(tp).startsWith("00-" + callerTrace + "-"));
        SpanData server = only(spansOf(callerTrace, 4), s -> s.getKind() == SpanKind.SERVER);
        assertThat(server.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(server.getAttributes().get(RequestCorrelation.REQUEST_ID)).isEqualTo(response);
    }

    private List<SpanData> spansOf(String traceId, int atLeast) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> spans.finished().stream().filter(s -> s.getTraceId().equals(traceId)).toList(), l -> l.size() >= atLeast);
    }

    private static SpanData named(List<SpanData> trace, String name) {
        return only(trace, s -> s.getName().equals(name));
    }

    private static SpanData only(List<SpanData> trace, java.util.function.Predicate<SpanData> which) {
        List<SpanData> found = trace.stream().filter(which).toList();
        assertThat(found).as(trace.toString()).hasSize(1);
        return found.get(0);
    }
}
