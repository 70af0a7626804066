package org.opencli.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opencli.core.discovery.RawPublisher;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/**
 * Issue 13's execution cases through the engine and the embedded (JDK) client: bounded and
 * decoded bodies, the total deadline, secrets no request may carry, values only in their schema's
 * shape, and path arguments that cannot change the path.
 */
class ExecutionHardeningTest extends WithExecFixture {
    private static final String NEWLINE_SECRET = "tok-VISIBLE\r\nX-Injected: yes";

    // --- item 1: bodies

    @Test
    void aGzipBodyIsDecodedAndShapedAsJson() throws Exception {
        byte[] json = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        f.server.reply("/api/reports", RecordingServer.Reply.of(200, "application/json", BoundedBodyTest.gzip(json, false))
                .withHeader("Content-Encoding", "gzip"));
        ExecuteResult r = f.run(f.call("exec:getReport"));
        assertThat(r.body().path("ok").asBoolean()).isTrue();
        assertThat(f.server.last().header("Accept-Encoding")).isEqualTo("gzip, deflate");
    }

    @Test
    void aGzipBombIsResponseTooLargeAndNotRetried() throws Exception {
        byte[] bomb = BoundedBodyTest.gzip(new byte[32 * 1024 * 1024], false);
        f.limits = f.limits.withMaxResponseBytes(1024 * 1024);
        f.server.reply("/api/reports", RecordingServer.Reply.of(200, "application/json", bomb).withHeader("Content-Encoding", "gzip"));
        OcliException e = f.failure(f.call("exec:getReport"));
        assertThat(e.code()).isEqualTo("response_too_large");
        assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM);
        assertThat(e.detail()).contains("1048576");
        assertThat(f.server.at("/api/reports")).hasSize(1);
        assertThat(f.lastAudit().path("reasonCode").asText()).isEqualTo("response_too_large");
    }

    @Test
    void aCorruptGzipBodyIsAnInvalidUpstreamAnswer() {
        f.server.reply("/api/reports", RecordingServer.Reply.of(200, "application/json", "not gzip at all".getBytes(StandardCharsets.UTF_8))
                .withHeader("Content-Encoding", "gzip"));
        OcliException e = f.failure(f.call("exec:getReport"));
        assertThat(e.code()).isEqualTo("upstream_invalid_response");
        assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM);
    }

    // --- item 7: the total deadline

    @Test
    void aTricklingBodyEndsAtTheTotalDeadlineAsUpstreamTimeout() throws Exception {
        try (RawPublisher trickle = RawPublisher.trickling()) {
            f.limits = f.limits.withMaxTotalTime(Duration.ofMillis(1500)); // responseTimeout stays 30 s
            f.baseUrl(trickle.url(""));
            long start = System.nanoTime();
            OcliException e = f.failureWithin(10, f.call("exec:getReport"));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(e.code()).isEqualTo("upstream_timeout");
            assertThat(e.detail()).contains("total deadline 1500 ms");
            assertThat(tookMs).as("waited for the deadline (the 30 s response timeout is bounded by the test's 10 s)")
                    .isGreaterThanOrEqualTo(1400L);
            // GET is idempotent: it was retried, yet the deadline held for all attempts together
            assertThat(f.lastAudit().path("reasonCode").asText()).isEqualTo("upstream_timeout");
        }
    }

    // --- item 4 and 9: secrets and header flags no request may carry

    @Test
    void aSecretWithALineBreakIsRefusedByNameNeverSentNeverQuoted() {
        f.config("\"secrets\": {\"bearerAuth\": {\"type\": \"env\", \"value\": \"TOKEN_WITH_NEWLINE\"}}");
        f.env.put("TOKEN_WITH_NEWLINE", NEWLINE_SECRET);
        OcliException e = f.failure(f.call("exec:bearerOnly"));
        assertThat(e.code()).isEqualTo("credentials_unresolved");
        assertThat(e.detail()).contains("secret 'bearerAuth'").contains("carriage return (CR)").doesNotContain("VISIBLE");
        assertThat(f.server.seen).isEmpty();
        assertThat(f.auditText()).doesNotContain("VISIBLE");
    }

    @Test
    void aSecretWithNulOrNonLatinCharactersIsRefusedForHeadersAndCookies() {
        f.config("\"secrets\": {\"headerKey\": {\"type\": \"env\", \"value\": \"NUL_KEY\"},"
                + " \"cookieKey\": {\"type\": \"env\", \"value\": \"SPACE_KEY\"}}");
        f.env.put("NUL_KEY", "abc\0def");
        f.env.put("SPACE_KEY", "a b; admin=1");
        OcliException nul = f.failure(f.call("exec:headerKeyOnly"));
        assertThat(nul.detail()).contains("secret 'headerKey'").contains("NUL").doesNotContain("abc");
        OcliException cookie = f.failure(f.call("exec:cookieKeyOnly"));
        assertThat(cookie.detail()).contains("secret 'cookieKey'").contains("cookie").doesNotContain("admin");
        assertThat(f.server.seen).isEmpty();
    }

    @Test
    void nulOrControlCharactersInAHeaderFlagAre400NotRetried() {
        OcliException e = f.failure(f.call("exec:find").flag("X-Note", "a\0b"));
        assertThat(e.code()).isEqualTo("invalid_arguments");
        assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
        assertThat(f.failure(f.call("exec:find").flag("X-Note", "bell\u0007")).code()).isEqualTo("invalid_arguments");
        assertThat(f.failure(f.call("exec:find").flag("X-Note", "snow\u2603")).code()).isEqualTo("invalid_arguments");
        assertThat(f.server.seen).isEmpty();
    }

    // --- item 5: serialization by the declared schema only

    @Test
    void anObjectForAStringParameterIs400InQueryCookieAndHeader() {
        assertRefused(f.call("exec:find").flagJson("q", "{\"admin\":\"true\"}"), "--q");
        assertRefused(f.call("exec:find").flagJson("mode", "{\"admin\":\"true\"}"), "--mode"); // $ref to a string
        assertRefused(f.call("exec:find").flagJson("X-Note", "{\"admin\":\"true\"}"), "--x-note");
        assertRefused(f.call("exec:find").flagJson("q", "[\"a\",\"b\"]"), "--q");
        assertRefused(f.call("exec:find").flagJson("anything", "{\"admin\":\"true\"}"), "--anything");
        assertThat(f.server.seen).isEmpty();
    }

    @Test
    void anObjectParameterTakesOnlyItsDeclaredProperties() {
        f.run(f.call("exec:find").flagJson("range", "{\"from\":1,\"to\":2}"));
        assertThat(f.server.last().rawQuery()).isEqualTo("from=1&to=2");
        OcliException e = f.failure(f.call("exec:find").flagJson("range", "{\"from\":1,\"admin\":true}"));
        assertThat(e.code()).isEqualTo("invalid_arguments");
        assertThat(e.detail()).contains("admin").contains("from, to");
        assertThat(f.server.seen).hasSize(1);
    }

    @Test
    void aContentParameterIsOneJsonTextUnderItsOwnName() {
        f.run(f.call("exec:find").flagJson("where", "{\"admin\":true}"));
        assertThat(f.server.last().rawQuery()).isEqualTo("where=%7B%22admin%22%3Atrue%7D");
    }

    @Test
    void scalarsAndArraysStillWorkWithoutAStatedType() {
        f.run(f.call("exec:find").flag("q", "x").flagJson("anything", "[1,2]"));
        assertThat(f.server.last().rawQuery()).isEqualTo("q=x&anything=1&anything=2");
    }

    // --- item 6: path arguments never change the path

    @Test
    void dotDotDotAndEmptyPathArgumentsAreRefused() {
        for (String arg : new String[] {"..", ".", ""}) {
            OcliException e = f.failure(f.call("exec:deleteThing").args(arg));
            assertThat(e.code()).as("path arg '%s'", arg).isEqualTo("invalid_arguments");
            assertThat(e.detail()).contains("thing-id");
        }
        assertThat(f.server.seen).isEmpty();
        f.run(f.call("exec:deleteThing").args("..."));
        f.run(f.call("exec:deleteThing").args("%2e%2e"));
        assertThat(f.server.seen).extracting(RecordingServer.Seen::rawPath)
                .containsExactly("/api/things/...", "/api/things/%252e%252e");
    }

    private void assertRefused(ExecFixture.Call call, String flag) {
        OcliException e = f.failure(call);
        assertThat(e.code()).isEqualTo("invalid_arguments");
        assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
        assertThat(e.detail()).contains(flag);
    }
}
