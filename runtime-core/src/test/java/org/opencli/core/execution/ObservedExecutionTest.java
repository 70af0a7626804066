package org.opencli.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencli.core.observe.RecordingObserver;
import org.opencli.core.observe.RecordingObserver.Step;
import org.opencli.core.observe.StepKind;

/**
 * The engine's steps as an observer sees them: every step started is ended exactly once, under the
 * right parent, with the tags and outcome the audit record agrees with; each upstream attempt carries
 * its own step's propagation header.
 */
class ObservedExecutionTest extends WithExecFixture {
    private final RecordingObserver observer = new RecordingObserver();

    @BeforeEach
    void watch() {
        f.observer = observer;
    }

    @Test
    void aCallIsOneExecutionWithCatalogPolicyAndUpstreamStepsUnderIt() {
        f.run(f.call("exec:getItem").args("42"));

        assertThat(observer.allEndedOnce()).as(observer.steps.toString()).isTrue();
        Step execution = observer.only(StepKind.EXECUTION);
        assertThat(execution.parent).isNull();
        assertThat(execution.thread).as("started on the caller's thread").isEqualTo(Thread.currentThread().getName());
        assertThat(execution.outcome()).isEqualTo("allow");
        assertThat(execution.tags).containsEntry("tool", "exec:getItem").containsEntry("decision", "allow")
                .containsEntry("reason", "ok").containsEntry("status_class", "2xx");

        Step build = observer.only(StepKind.CATALOG_BUILD);
        assertThat(build.parent).isSameAs(execution);
        assertThat(build.outcome()).isEqualTo("ok");
        List<Step> fetches = observer.of(StepKind.DOCUMENT_FETCH);
        assertThat(fetches).isNotEmpty().allSatisfy(fetch -> {
            assertThat(fetch.parent).isSameAs(build);
            assertThat(fetch.outcome()).isEqualTo("fetched"); // a local file: no cache involved
            assertThat(fetch.tags).containsEntry("cache", "fetched");
        });

        Step policy = observer.only(StepKind.POLICY_DECISION);
        assertThat(policy.parent).isSameAs(execution);
        assertThat(policy.outcome()).isEqualTo("ok");
        assertThat(policy.tags).containsEntry("decision", "allow").containsEntry("reason", "ok").containsEntry("tool", "exec:getItem");

        Step upstream = observer.only(StepKind.UPSTREAM_CALL);
        assertThat(upstream.parent).isSameAs(execution);
        assertThat(upstream.outcome()).isEqualTo("ok");
        assertThat(upstream.tags).containsEntry("status_class", "2xx").containsEntry("tool", "exec:getItem");
        assertThat(f.server.last().header("traceparent")).isEqualTo(upstream.traceparent());
        assertThat(observer.of(StepKind.MCP_CALL)).isEmpty();
    }

    @Test
    void aCachedCatalogIsNotBuiltAgain() {
        f.run(f.call("exec:getItem").args("1"));
        observer.clear();
        f.run(f.call("exec:getItem").args("2"));
        assertThat(observer.of(StepKind.CATALOG_BUILD)).isEmpty();
        assertThat(observer.of(StepKind.DOCUMENT_FETCH)).isEmpty();
        assertThat(observer.only(StepKind.EXECUTION).outcome()).isEqualTo("allow");
        assertThat(observer.allEndedOnce()).isTrue();
    }

    @Test
    void eachRetryIsAnUpstreamStepOfItsOwnWithItsOwnTraceparent() {
        f.server.reply("/api/flaky", RecordingServer.Reply.json(429, "{}").withHeader("Retry-After", "0"),
                RecordingServer.Reply.json(503, "{}").withHeader("Retry-After", "0"), RecordingServer.Reply.json(200, "{}"));
        f.run(f.call("exec:flakyPost"));

        assertThat(observer.allEndedOnce()).as(observer.steps.toString()).isTrue();
        List<Step> attempts = observer.of(StepKind.UPSTREAM_CALL);
        assertThat(attempts).extracting(s -> s.tags.get("status_class")).containsExactly("4xx", "5xx", "2xx");
        assertThat(attempts).extracting(Step::outcome).containsExactly("ok", "error", "ok");
        assertThat(attempts).allSatisfy(a -> assertThat(a.parent).isSameAs(observer.only(StepKind.EXECUTION)));
        assertThat(f.server.at("/api/flaky")).extracting(s -> s.header("traceparent"))
                .containsExactlyElementsOf(attempts.stream().map(Step::traceparent).toList());
        assertThat(observer.only(StepKind.EXECUTION).tags).containsEntry("status_class", "2xx");
    }

    @Test
    void aPolicyRefusalIsADecisionAndNothingIsSent() {
        f.config("\"policy\": {\"deny\": [\"exec:sea*\"]}");
        f.failure(f.call("exec:search").flag("term", "x"));

        assertThat(observer.allEndedOnce()).as(observer.steps.toString()).isTrue();
        Step policy = observer.only(StepKind.POLICY_DECISION);
        assertThat(policy.outcome()).isEqualTo("ok");
        assertThat(policy.tags).containsEntry("decision", "deny").containsEntry("reason", "policy_deny");
        Step execution = observer.only(StepKind.EXECUTION);
        assertThat(execution.outcome()).isEqualTo("deny").isEqualTo(f.lastAudit().path("decision").asText());
        assertThat(execution.tags).containsEntry("reason", "policy_deny").containsEntry("status_class", "none");
        assertThat(observer.of(StepKind.UPSTREAM_CALL)).isEmpty();
    }

    @Test
    void anUnknownToolEndsTheExecutionWithAnErrorAndNoPolicyStep() {
        f.failure(f.call("exec:noSuchTool"));
        assertThat(observer.allEndedOnce()).isTrue();
        Step execution = observer.only(StepKind.EXECUTION);
        assertThat(execution.outcome()).isEqualTo("error");
        assertThat(execution.tags).containsEntry("reason", "unknown_tool").doesNotContainKey("tool");
        assertThat(observer.of(StepKind.POLICY_DECISION)).isEmpty();
    }

    @Test
    void anUnreachableUpstreamEndsEveryAttemptWithAnError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        f.baseUrl("http://127.0.0.1:" + port);
        assertThat(f.failure(f.call("exec:flakyGet")).code()).isEqualTo("upstream_unreachable");

        assertThat(observer.allEndedOnce()).as(observer.steps.toString()).isTrue();
        List<Step> attempts = observer.of(StepKind.UPSTREAM_CALL);
        assertThat(attempts).hasSize(f.limits.maxAttempts()).allSatisfy(a -> {
            assertThat(a.outcome()).isEqualTo("error");
            assertThat(a.tags).containsEntry("status_class", "none");
        });
        Step execution = observer.only(StepKind.EXECUTION);
        assertThat(execution.outcome()).isEqualTo("error");
        assertThat(execution.tags).containsEntry("reason", "upstream_unreachable");
    }

    @Test
    void aDryRunHasNoUpstreamStep() {
        f.run(f.call("exec:getItem").args("1").dryRun());
        assertThat(observer.allEndedOnce()).isTrue();
        assertThat(observer.only(StepKind.EXECUTION).outcome()).isEqualTo("allow");
        assertThat(observer.only(StepKind.EXECUTION).tags).containsEntry("reason", "dry_run");
        assertThat(observer.of(StepKind.UPSTREAM_CALL)).isEmpty();
        assertThat(f.server.seen).isEmpty();
    }

    @Test
    void aCallRefusedAtShutdownStillEndsItsExecution() {
        f.engine().drain(Duration.ZERO);
        assertThat(f.failure(f.call("exec:getItem").args("1")).code()).isEqualTo("shutting_down");
        Step execution = observer.only(StepKind.EXECUTION);
        assertThat(execution.outcome()).isEqualTo("error");
        assertThat(execution.tags).containsEntry("reason", "shutting_down");
        assertThat(observer.steps).hasSize(1);
    }

    @Test
    void theRuntimesTraceparentReplacesOneTheRequestAlreadyHad() {
        UpstreamRequest request = new UpstreamRequest("GET", java.net.URI.create("http://127.0.0.1/x"),
                Map.of("TraceParent", List.of("00-ffffffffffffffffffffffffffffffff-ffffffffffffffff-01"), "Accept", List.of("a/b")),
                null, null);
        UpstreamRequest carried = request.withPropagation(Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        assertThat(carried.headers()).containsOnlyKeys("Accept", "traceparent")
                .containsEntry("traceparent", List.of("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        assertThat(request.withPropagation(Map.of())).isSameAs(request);
    }
}
