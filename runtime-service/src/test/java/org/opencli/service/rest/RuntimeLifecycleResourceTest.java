package org.opencli.service.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencli.core.config.ConfigFiles;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.service.AsOwner;
import org.opencli.service.ServiceTestProfile;
import org.opencli.service.lifecycle.DaemonStop;
import org.opencli.service.lifecycle.LocalLifecycle;

/** Heartbeat, session-close and stop as documented: answers, 409s, strict input, audit records. */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class RuntimeLifecycleResourceTest extends AsOwner {

    /** Records the stop instead of ending the test's application. */
    static final class RecordingStop extends DaemonStop {
        volatile String why;

        @Override
        public void stop(String reason) {
            why = reason;
        }
    }

    @Inject
    LocalLifecycle lifecycle;

    @Inject
    RuntimeEngine engine;

    private final RecordingStop stop = new RecordingStop();

    @BeforeEach
    void recordStops() {
        QuarkusMock.installMockForType(stop, DaemonStop.class);
    }

    private static ValidatableResponse post(String path, String body) {
        return given().contentType("application/json").body(body).when().post(path).then();
    }

    private static void refused(ValidatableResponse r, int status, String code) {
        r.statusCode(status).contentType(startsWith("application/problem+json")).body("code", equalTo(code))
                .body("status", equalTo(status));
    }

    @Test
    void aHeartbeatTakesALeaseAndSaysHowToKeepIt() {
        Instant before = Instant.now();
        String expires = post("/v1/runtime/heartbeat", "{\"sessionId\": \"term-hb\", \"configFingerprint\": \""
                + ConfigFiles.fingerprint(ServiceTestProfile.CONFIG) + "\", \"ownerPid\": null, \"shareKey\": null}")
                .statusCode(200).contentType(startsWith("application/json"))
                .body("sessionId", equalTo("term-hb"))
                .body("activeSessions", greaterThanOrEqualTo(1))
                .body("heartbeatSeconds", equalTo(15))
                .body("missedHeartbeatLimit", equalTo(4))
                .extract().path("leaseExpiresAt");
        assertThat(Instant.parse(expires)).isAfterOrEqualTo(before.plusSeconds(60));
        assertThat(lifecycle.leases().lease("term-hb")).isPresent();

        given().when().get("/v1/runtime/info").then().statusCode(200)
                .body("cacheDir", startsWith("/"))
                .body("lifecycle.managed", equalTo(false))
                .body("lifecycle.shutdown", equalTo("when-owner-exits"))
                .body("lifecycle.sessionScope", equalTo("terminal"))
                .body("lifecycle.share", equalTo("exclusive"))
                .body("lifecycle.heartbeatSeconds", equalTo(15))
                .body("lifecycle.missedHeartbeatLimit", equalTo(4))
                .body("lifecycle.activeSessions", greaterThanOrEqualTo(1))
                .body("lifecycle.startedAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"))
                .body("lifecycle.configFingerprint", equalTo(ConfigFiles.fingerprint(ServiceTestProfile.CONFIG)))
                .body("lifecycle.pid", equalTo((int) ProcessHandle.current().pid()));
    }

    @Test
    void anOwnerProcessIsKeptWithTheLease() {
        ProcessHandle me = ProcessHandle.current();
        post("/v1/runtime/heartbeat", "{\"sessionId\": \"term-owned\", \"ownerPid\": " + me.pid() + ", \"ownerStartedAt\": \""
                + me.info().startInstant().orElseThrow() + "\"}").statusCode(200);
        assertThat(lifecycle.leases().lease("term-owned")).get().extracting(l -> l.owner().pid()).isEqualTo(me.pid());
    }

    /** Pid 1 always runs: taken without its start instant, it would hold the lease (and the daemon) for good. */
    @Test
    void aPidWithoutItsStartInstantHoldsNoLease() {
        post("/v1/runtime/heartbeat", "{\"sessionId\": \"term-pid-only\", \"ownerPid\": 1}").statusCode(200);
        assertThat(lifecycle.leases().lease("term-pid-only")).get().extracting(l -> l.owner()).isNull();
    }

    @Test
    void anotherConfigIsAMismatchAndAShareKeyForAnExclusiveDaemonAConflict() {
        refused(post("/v1/runtime/heartbeat", "{\"sessionId\": \"term-x\", \"configFingerprint\": \"" + "0".repeat(64) + "\"}"),
                409, "runtime_attach_mismatch");
        refused(post("/v1/runtime/heartbeat", "{\"sessionId\": \"term-x\", \"shareKey\": \"team-secret\"}"),
                409, "runtime_attach_conflict");
        given().contentType("application/json").body("{\"sessionId\": \"term-x\", \"shareKey\": \"team-secret\"}")
                .when().post("/v1/runtime/heartbeat").then().body("detail", equalTo(
                        "this daemon is exclusive (runtime.local.share: exclusive) and takes no shareKey; the caller's config says"
                                + " share: group"));
        assertThat(lifecycle.leases().lease("term-x")).as("a refused heartbeat takes no lease").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"sessionId\": \"term-a\", \"sesionId\": \"x\"}",
            "{\"sessionId\": 5}",
            "{\"sessionId\": \"term-a\", \"ownerPid\": \"12\"}",
            "{\"sessionId\": \"term-a\", \"ownerPid\": 1.5}",
            "{\"sessionId\": \"term-a\", \"ownerPid\": 0}",
            "{\"sessionId\": \"term-a\", \"ownerStartedAt\": \"2026-01-01T00:00:00Z\"}",
            "{\"sessionId\": \"term-a\", \"ownerPid\": 12, \"ownerStartedAt\": \"yesterday\"}",
            "{\"sessionId\": \"term-a\", \"configFingerprint\": \"not hex\"}",
            "{\"sessionId\": \"term-a\", \"shareKey\": \"\"}",
            "{\"sessionId\": \"term a\"}",
            "{\"sessionId\": \"\"}",
            "{}", "[]", "null", "",
            "{\"sessionId\": \"term-a\"} {\"sessionId\": \"term-b\"}"})
    void badHeartbeatsAreInvalidRequests(String body) {
        refused(post("/v1/runtime/heartbeat", body), 400, "invalid_request");
    }

    @Test
    void boundedFieldsAreRefusedWithTheirPath() {
        post("/v1/runtime/heartbeat", "{\"sessionId\": \"" + "s".repeat(129) + "\"}").statusCode(400)
                .body("errors[0].path", equalTo("$.sessionId"));
        post("/v1/runtime/heartbeat", "{\"sessionId\": \"s\", \"shareKey\": \"" + "k".repeat(1025) + "\"}").statusCode(400)
                .body("errors[0].path", equalTo("$.shareKey"));
        post("/v1/runtime/heartbeat", "{\"sessionId\": \"s\", \"configFingerprint\": \"" + "a".repeat(129) + "\"}").statusCode(400)
                .body("errors[0].path", equalTo("$.configFingerprint"));
        post("/v1/runtime/session-close", "{\"sessionId\": \"" + "s".repeat(129) + "\"}").statusCode(400)
                .body("errors[0].path", equalTo("$.sessionId"));
        post("/v1/runtime/heartbeat", "{\"sessionId\": \"s\", \"ownerPid\": \"1\"}").statusCode(400)
                .body("errors[0].path", equalTo("$.ownerPid"));
        post("/v1/runtime/session-close", "{\"sessionId\": \"s\", \"all\": true}").statusCode(400)
                .body("errors[0].path", equalTo("$.all"));
    }

    @Test
    void aRequestCarryingTheSessionRenewsItsLease() {
        post("/v1/runtime/heartbeat", "{\"sessionId\": \"term-renew\"}").statusCode(200);
        Instant first = lifecycle.leases().lease("term-renew").orElseThrow().lastSeen();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(first));
        given().header("X-Ocli-Session", "term-renew").when().get("/v1/runtime/info").then().statusCode(200);
        assertThat(lifecycle.leases().lease("term-renew").orElseThrow().lastSeen()).isAfter(first);
    }

    @Test
    void aRequestWithoutTheOwnerKeyRenewsNoLease() {
        post("/v1/runtime/heartbeat", "{\"sessionId\": \"term-unrenewed\"}").statusCode(200);
        Instant first = lifecycle.leases().lease("term-unrenewed").orElseThrow().lastSeen();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(first));
        io.restassured.RestAssured.requestSpecification = null; // anyone on the machine: the info endpoint is open
        given().header("X-Ocli-Session", "term-unrenewed").when().get("/v1/runtime/info").then().statusCode(200);
        given().header("X-Ocli-Session", "term-unrenewed").header("Authorization", "Bearer not-the-key")
                .when().get("/v1/runtime/info").then().statusCode(200);
        given().header("X-Ocli-Session", "term-unrenewed").when().get("/q/health/ready").then().statusCode(200);
        assertThat(lifecycle.leases().lease("term-unrenewed").orElseThrow().lastSeen()).isEqualTo(first);
    }

    @Test
    void sessionCloseEndsTheLeaseAndIsAudited() throws IOException {
        post("/v1/runtime/heartbeat", "{\"sessionId\": \"term-close\"}").statusCode(200);
        post("/v1/runtime/session-close", "{\"sessionId\": \"term-close\"}").statusCode(200)
                .body("closed", equalTo(true)).body("activeSessions", greaterThanOrEqualTo(0));
        assertThat(lifecycle.leases().lease("term-close")).isEmpty();
        post("/v1/runtime/session-close", "{\"sessionId\": \"term-close\"}").statusCode(200).body("closed", equalTo(false));

        List<String> records = auditLines("\"session_close\"");
        assertThat(records).anyMatch(l -> l.contains("\"sessionId\":\"term-close\"") && l.contains("\"reasonCode\":\"ok\""));
        assertThat(records).anyMatch(l -> l.contains("\"sessionId\":\"term-close\"") && l.contains("\"reasonCode\":\"no_lease\""));
    }

    @Test
    void stopAnswersThenStopsAndIsAudited() throws IOException {
        refused(post("/v1/runtime/stop", "{\"now\": true}"), 400, "invalid_request");
        assertThat(stop.why).as("a refused stop stops nothing").isNull();

        given().header("X-Request-Id", "stop-req-1").when().post("/v1/runtime/stop").then().statusCode(200)
                .body("stopped", equalTo(true));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stop.why != null);
        assertThat(stop.why).contains("stop-req-1");
        assertThat(auditLines("\"runtime_stop\"")).anyMatch(l -> l.contains("\"requestId\":\"stop-req-1\""));

        stop.why = null;
        post("/v1/runtime/stop", "{}").statusCode(200).body("stopped", equalTo(true));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stop.why != null);
    }

    @Test
    void withoutTheOwnerKeyNothingIsLeasedOrStopped() {
        io.restassured.RestAssured.requestSpecification = null; // a stranger: not the owner's key
        for (String path : List.of("/v1/runtime/heartbeat", "/v1/runtime/session-close", "/v1/runtime/stop")) {
            given().header("Authorization", "Bearer not-the-key").contentType("application/json")
                    .body("{\"sessionId\": \"term-stranger\"}").when().post(path)
                    .then().statusCode(401).contentType(startsWith("application/problem+json"))
                    .body("code", equalTo("unauthenticated"));
        }
        assertThat(lifecycle.leases().lease("term-stranger")).isEmpty();
        assertThat(stop.why).isNull();
    }

    private List<String> auditLines(String eventType) throws IOException {
        return Files.readAllLines(engine.settings().auditPath()).stream().filter(l -> l.contains(eventType)).toList();
    }
}
