package org.opencli.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencli.core.error.OcliException;

/**
 * A publisher that answers, but not in HTTP (a raw socket writing a malformed header), is reported
 * as a bad answer, never as unreachable, and none of its bytes are quoted.
 */
class MalformedAnswerTest {
    private static final String CANARY = "CANARY-7f3a-NEVER-QUOTED";
    private static final String DOCUMENT = "openapi: 3.1.0\n";
    private static final String GOOD = "HTTP/1.1 200 OK\r\nContent-Type: application/yaml\r\nContent-Length: "
            + DOCUMENT.length() + "\r\n\r\n" + DOCUMENT;

    @TempDir
    Path dir;
    RawPublisher publisher;
    DocumentFetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        publisher = RawPublisher.answering(GOOD);
        fetcher = DocumentFetchers.standard(dir.resolve("cache"), Clock.systemUTC());
    }

    @AfterEach
    void stop() throws IOException {
        publisher.close();
    }

    private FetchRequest get(boolean force) {
        return new FetchRequest(publisher.url("/api.yaml"), dir, "GET", null, 0, false, force);
    }

    private static String malformed(String headerLine) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/yaml\r\n" + headerLine + "\r\nContent-Length: "
                + DOCUMENT.length() + "\r\n\r\n" + DOCUMENT;
    }

    @ParameterizedTest
    @ValueSource(strings = {CANARY + " Name: x", CANARY + "\u0001: x", "X-Ok: " + CANARY + "\u0000b", "(status line)"})
    void withNothingCachedTheFetchFailsNamingABadAnswer(String headerLine) {
        publisher.answer(headerLine.equals("(status line)") ? "HTTP/1.1 2" + CANARY + " OK\r\nContent-Length: 0\r\n\r\n"
                : malformed(headerLine));
        assertThatThrownBy(() -> fetcher.fetch(get(false))).isInstanceOfSatisfying(OcliException.class, e -> {
            assertThat(e.code()).isEqualTo("source_fetch_failed");
            assertThat(e.getMessage()).contains("not valid HTTP").doesNotContain("could not connect").doesNotContain(CANARY);
            assertThat(e.getCause()).isNull();
        });
        assertThat(publisher.requests.get()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {CANARY + " Name: x", CANARY + "\u0001: x"})
    void withACopyCachedTheCopyIsServedStaleAsAnInvalidAnswer(String headerLine) {
        FetchedDocument first = fetcher.fetch(get(false));
        assertThat(first.cacheOutcome()).isEqualTo("miss");
        publisher.answer(malformed(headerLine));
        FetchedDocument stale = fetcher.fetch(get(true));
        assertThat(stale.cacheOutcome()).isEqualTo("stale_hit");
        assertThat(stale.staleReason()).isEqualTo("invalid_answer");
        assertThat(new String(stale.content(), StandardCharsets.UTF_8)).isEqualTo(DOCUMENT);
    }

    /**
     * java.net.http reads past a header line without a colon: the answer is not one it refuses, so
     * the document is served as sent.
     */
    @ParameterizedTest
    @ValueSource(strings = {CANARY + "-without-a-colon"})
    void aHeaderLineTheClientReadsPastIsNoFailure(String headerLine) {
        publisher.answer(malformed(headerLine));
        FetchedDocument doc = fetcher.fetch(get(false));
        assertThat(doc.cacheOutcome()).isEqualTo("miss");
        assertThat(new String(doc.content(), StandardCharsets.UTF_8)).isEqualTo(DOCUMENT);
    }
}
