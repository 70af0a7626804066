package org.opencli.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.auth.Caller;
import org.opencli.core.discovery.DocumentLimits;
import org.opencli.core.discovery.RawPublisher;
import org.opencli.core.discovery.TestHttpServer;
import org.opencli.core.discovery.TestHttpServer.Reply;

/**
 * A refresh whose build fails on a source's fetch reports that source from the failure: its publisher
 * is asked once (a trickling one would otherwise cost two read timeouts), and a malformed answer is
 * reported as such, not as an unreachable publisher. The sources not reached are still read alone.
 */
class RefreshFailedFetchTest {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    private static final String API = "openapi: 3.1.0\ninfo: {title: Owners, version: \"1\"}\nservers: [{url: /v1}]\n"
            + "paths:\n  /owners:\n    get: {operationId: listOwners, responses: {\"200\": {description: ok}}}\n";

    @TempDir
    Path dir;
    TestHttpServer other;
    RuntimeEngine engine;

    @AfterEach
    void stop() {
        if (engine != null) engine.close();
        if (other != null) other.close();
    }

    /** A config whose first source is at {@code failing}, the second a well-behaved publisher's. */
    private void engineWith(String failing) throws Exception {
        other = new TestHttpServer();
        other.route("/other.yaml", Reply.ok(API));
        Path config = dir.resolve(".cli.json");
        Files.writeString(config, """
                {"cli":"1","mode":{"default":"discover"},
                 "sources":{"failing":{"type":"openapi","uri":"%s"},
                            "other":{"type":"openapi","uri":"%s"}},
                 "services":{"failing":{"source":"failing"},"other":{"source":"other"}}}"""
                .formatted(failing, other.url("/other.yaml")));
        DocumentLimits limits = new DocumentLimits(DocumentLimits.DEFAULT_MAX_BYTES, DocumentLimits.DEFAULT_MAX_DEPTH,
                DocumentLimits.DEFAULT_MAX_ALIASES, READ_TIMEOUT, DocumentLimits.DEFAULT_PARSE_TIMEOUT);
        engine = EmbeddedEngines.under(dir, config, limits);
    }

    private RefreshReport refresh(List<String> heard) {
        return engine.prepareRefresh(new RefreshQuery(null, null), Caller.unauthenticated("r"))
                .run(s -> heard.add(s.id() + ":" + s.cacheOutcome()));
    }

    @Test
    void aTricklingPublisherIsAskedOnceAndItsSourceIsReportedTimedOut() throws Exception {
        try (RawPublisher trickling = RawPublisher.trickling()) {
            engineWith(trickling.url("/slow.yaml"));
            List<String> heard = new ArrayList<>();
            long started = System.nanoTime();
            RefreshReport r = refresh(heard);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(r.catalogRebuilt()).isFalse();
            assertThat(heard).containsExactly("failing:failed", "other:miss");
            RefreshReport.SourceRefresh failing = r.sources().get(0);
            assertThat(failing.reason()).isEqualTo("source_timeout");
            assertThat(failing.forced()).isTrue();
            // the answer is complete: nothing more will ask the publisher, and it was asked once
            assertThat(trickling.requests.get()).isEqualTo(1);
            // one read timeout, not two (scheduling slack, well short of a second timeout)
            assertThat(took).isLessThan(READ_TIMEOUT.multipliedBy(2));
            assertThat(other.count("GET", "/other.yaml")).isEqualTo(1);
        }
    }

    @Test
    void aMalformedAnswerIsReportedAsABadAnswerNotAsUnreachable() throws Exception {
        String answer = "HTTP/1.1 200 OK\r\nContent-Type: application/yaml\r\nCANARY Name: x\r\nContent-Length: "
                + API.length() + "\r\n\r\n" + API;
        try (RawPublisher malformed = RawPublisher.answering(answer)) {
            engineWith(malformed.url("/api.yaml"));
            RefreshReport r = refresh(new ArrayList<>());

            assertThat(r.catalogRebuilt()).isFalse();
            RefreshReport.SourceRefresh failing = r.sources().get(0);
            assertThat(failing.id()).isEqualTo("failing");
            assertThat(failing.cacheOutcome()).isEqualTo("failed");
            assertThat(failing.reason()).isEqualTo("source_fetch_failed");
            assertThat(failing.detail()).contains("not valid HTTP").doesNotContain("could not connect").doesNotContain("CANARY");
            assertThat(malformed.requests.get()).isEqualTo(1);
        }
    }
}
