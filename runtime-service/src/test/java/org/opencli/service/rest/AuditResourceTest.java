package org.opencli.service.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opencli.core.audit.AuditRecord;
import org.opencli.core.engine.RuntimeEngine;
import org.opencli.service.AsOwner;
import org.opencli.service.ServiceTestProfile;

/** The audit endpoints over the daemon's own durable store: JSON, NDJSON, bad parameters, SSE with resume. */
@QuarkusTest
@TestProfile(ServiceTestProfile.class)
class AuditResourceTest extends AsOwner {
    @Inject
    RuntimeEngine engine;

    @TestHTTPResource("/v1/audit/stream")
    URI streamUri;

    private void append(String toolId, int count) {
        for (int i = 0; i < count; i++) {
            AuditRecord r = AuditRecord.event(java.time.Instant.now().toString(), AuditRecord.TOOL_EXECUTION)
                    .withCaller("auditor", null, null, toolId + "-" + i)
                    .withTool(null, toolId, "svc")
                    .withDecision(i % 2 == 0 ? "allow" : "deny", "ok", null);
            engine.audit().append(r).toCompletableFuture().join();
        }
    }

    @Test
    void honoursASafeRequestIdAndEchoesIt() {
        given().header("X-Request-Id", "lane-7.call:42").when().get("/v1/runtime/info")
                .then().statusCode(200).header("X-Request-Id", equalTo("lane-7.call:42"));
        String generated = given().header("X-Request-Id", "has spaces/and slashes").when().get("/v1/runtime/info")
                .then().statusCode(200).extract().header("X-Request-Id");
        assertThat(generated).matches("[0-9a-f-]{36}");
    }

    @Test
    void anExecutionRecordCarriesTheCallersSessionAndRequestIds() {
        given().header("X-Request-Id", "session-test-1").header("X-Ocli-Session", "term-abc123")
                .contentType("application/json").body("{\"toolId\": \"nope:missing\"}")
                .when().post("/v1/tools/execute")
                .then().header("X-Request-Id", equalTo("session-test-1"));
        given().queryParam("requestId", "session-test-1").when().get("/v1/audit/events")
                .then().statusCode(200)
                .body("events", hasSize(1))
                .body("events[0].eventType", equalTo("tool_execution"))
                .body("events[0].sessionId", equalTo("term-abc123"));
    }

    @Test
    void pagesAsJsonWithCursors() {
        append("aud:json", 5);
        JsonPath first = given().queryParam("toolId", "aud:json").queryParam("limit", 2)
                .when().get("/v1/audit/events")
                .then().statusCode(200).contentType("application/json")
                .body("events", hasSize(2))
                .body("events[0].toolId", equalTo("aud:json"))
                .body("events[0].instanceId", equalTo("rest-tests"))
                .extract().jsonPath();
        String cursor = first.getString("nextCursor");
        assertThat(cursor).isNotBlank();
        long firstSeq = first.getLong("events[0].seq");
        given().queryParam("toolId", "aud:json").queryParam("cursor", cursor).queryParam("limit", 10)
                .when().get("/v1/audit/events")
                .then().statusCode(200)
                .body("events", hasSize(3))
                .body("events[0].seq", equalTo((int) firstSeq + 2))
                .body("nextCursor", nullValue());
        given().queryParam("toolId", "aud:json").queryParam("order", "desc").queryParam("decision", "deny")
                .when().get("/v1/audit/events")
                .then().statusCode(200)
                .body("events", hasSize(2))
                .body("events[0].seq", equalTo((int) firstSeq + 3))
                .body("events[1].seq", equalTo((int) firstSeq + 1));
    }

    @Test
    void streamsNdjsonWhenAsked() {
        append("aud:nd", 3);
        String body = given().accept("application/x-ndjson").queryParam("toolId", "aud:nd")
                .when().get("/v1/audit/events")
                .then().statusCode(200).contentType(containsString("application/x-ndjson"))
                .extract().asString();
        List<String> lines = body.lines().toList();
        assertThat(lines).hasSize(3).allSatisfy(l -> assertThat(l).startsWith("{\"timestamp\":").contains("\"seq\":").contains("\"aud:nd\""));
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() {
        given().queryParam("limit", 0).when().get("/v1/audit/events")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_parameter"))
                .body("detail", containsString("'limit'"))
                .body("detail", containsString("1 to 1000"));
        given().queryParam("since", "yesterday").when().get("/v1/audit/events")
                .then().statusCode(400).body("detail", containsString("'since'")).body("detail", containsString("ISO-8601"));
        given().queryParam("order", "sideways").when().get("/v1/audit/events")
                .then().statusCode(400).body("detail", containsString("asc or desc"));
        given().queryParam("cursor", "abc").when().get("/v1/audit/events")
                .then().statusCode(400).body("detail", containsString("'cursor'"));
    }

    @Test
    void streamsNewRecordsAndResumesFromLastEventId() throws Exception {
        long before = engine.auditLog().feed().committedSeq();
        append("aud:sse", 3);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(streamUri + "?toolId=aud:sse"))
                .header("Accept", "text/event-stream").header("Last-Event-ID", String.valueOf(before))
                .header("Authorization", ownerAuthorization()).build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            List<Map<String, String>> replayed = read(reader, 3);
            assertThat(replayed).extracting(e -> e.get("event")).containsOnly("audit");
            assertThat(replayed).extracting(e -> Long.parseLong(e.get("id")))
                    .containsExactly(before + 1, before + 2, before + 3);
            assertThat(replayed.get(0).get("data")).contains("\"toolId\":\"aud:sse\"");

            append("aud:other", 1); // filtered out
            append("aud:sse", 1);
            Map<String, String> live = read(reader, 1).get(0);
            assertThat(Long.parseLong(live.get("id"))).isEqualTo(before + 5);
            assertThat(live.get("data")).contains("\"aud:sse\"");
        }
    }

    @Test
    void aStalledStreamClientGetsAGapWhileAppendsContinueUnblocked() throws Exception {
        // A raw socket that sends the request and then reads nothing: only kernel buffers absorb the
        // stream, then the server stops pulling and the subscriber's buffer overflows into a gap.
        // counted by opened subscriptions: an earlier test's stream may detach meanwhile
        long subscriptionsBefore = engine.auditLog().feed().subscriptionsOpened();
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress(streamUri.getHost(), streamUri.getPort()), 5000);
            socket.getOutputStream().write(("GET " + streamUri.getPath() + "?toolId=aud:stall HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: text/event-stream\r\nAuthorization: " + ownerAuthorization() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            long subscribedAfter = engine.auditLog().feed().committedSeq();
            waitForSubscriber(subscriptionsBefore);

            int count = 20000;
            long start = System.nanoTime();
            List<CompletableFuture<Void>> stages = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                stages.add(engine.audit().append(AuditRecord.event(java.time.Instant.now().toString(), AuditRecord.TOOL_EXECUTION)
                        .withTool(null, "aud:stall", "svc").withDecision("allow", "ok", null)).toCompletableFuture());
            }
            CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(elapsedMs).as("appends are not held back by the stalled client").isLessThan(30000);

            socket.setSoTimeout(10000);
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            Map<String, String> gap = null;
            long lastId = subscribedAfter;
            while (gap == null) {
                Map<String, String> event = read(reader, 1).get(0);
                if ("gap".equals(event.get("event"))) {
                    gap = event;
                } else if (event.containsKey("id")) {
                    long id = Long.parseLong(event.get("id"));
                    assertThat(id).as("records arrive in order before the gap").isGreaterThan(lastId);
                    lastId = id;
                }
            }
            JsonPath data = JsonPath.from(gap.get("data"));
            assertThat(data.getLong("fromSeq")).isEqualTo(lastId + 1);
            assertThat(data.getLong("toSeq")).isGreaterThanOrEqualTo(data.getLong("fromSeq"));
            assertThat(gap.get("id")).isEqualTo(String.valueOf(data.getLong("toSeq")));
        }
    }

    private void waitForSubscriber(long openedBefore) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (engine.auditLog().feed().subscriptionsOpened() <= openedBefore) {
            if (System.nanoTime() > deadline) throw new AssertionError("the stream did not subscribe");
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000L); // poll with a deadline
        }
    }

    @Test
    void readinessIsUpWhileTheStoreWrites() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'audit' }.status", equalTo("UP"));
    }

    /** Reads {@code count} SSE events (id, event, data), failing after a deadline. */
    private static List<Map<String, String>> read(BufferedReader reader, int count) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            List<Map<String, String>> events = new ArrayList<>();
            Map<String, String> current = new HashMap<>();
            try {
                while (events.size() < count) {
                    String line = reader.readLine();
                    if (line == null) throw new IllegalStateException("stream ended after " + events);
                    if (line.isEmpty()) {
                        if (!current.isEmpty()) events.add(current);
                        current = new HashMap<>();
                        continue;
                    }
                    int colon = line.indexOf(':');
                    if (colon <= 0) continue;
                    String value = line.substring(colon + 1).startsWith(" ") ? line.substring(colon + 2) : line.substring(colon + 1);
                    current.merge(line.substring(0, colon), value, (a, b) -> a + "\n" + b);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return events;
        }).get(10, TimeUnit.SECONDS);
    }
}
