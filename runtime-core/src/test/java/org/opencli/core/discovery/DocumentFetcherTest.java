package org.opencli.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.discovery.TestHttpServer.Reply;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

class DocumentFetcherTest {
    @TempDir
    Path dir;
    TestHttpServer server;
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    DocumentFetcher fetcher;

    @BeforeEach
    void start() throws Exception {
        server = new TestHttpServer();
        fetcher = DocumentFetchers.standard(dir.resolve("cache"), clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FetchRequest get(String path, Integer maxAge, boolean manualOnly, boolean force) {
        return new FetchRequest(server.url(path), dir, "GET", null, maxAge, manualOnly, force);
    }

    private static String text(FetchedDocument d) {
        return new String(d.content(), StandardCharsets.UTF_8);
    }

    @Test
    void missThenFreshHitWithoutAskingTheServer() {
        server.route("/doc", Reply.ok("v1").withEtag("\"1\""));
        FetchedDocument first = fetcher.fetch(get("/doc", 60, false, false));
        assertThat(first.cacheOutcome()).isEqualTo("miss");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.etag()).isEqualTo("\"1\"");
        assertThat(text(first)).isEqualTo("v1");
        clock.advance(Duration.ofSeconds(59));
        FetchedDocument second = fetcher.fetch(get("/doc", 60, false, false));
        assertThat(second.cacheOutcome()).isEqualTo("fresh_hit");
        assertThat(text(second)).isEqualTo("v1");
        assertThat(server.count("GET", "/doc")).isEqualTo(1);
        assertThat(second.dependency().isCurrent(clock)).isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(second.dependency().isCurrent(clock)).isFalse();
    }

    @Test
    void expiredEntryIsRevalidatedWithEtagThenRefreshedWhenChanged() {
        server.route("/doc", Reply.ok("v1").withEtag("\"1\""));
        fetcher.fetch(get("/doc", 10, false, false));
        clock.advance(Duration.ofSeconds(11));
        FetchedDocument revalidated = fetcher.fetch(get("/doc", 10, false, false));
        assertThat(revalidated.cacheOutcome()).isEqualTo("revalidated_hit");
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(text(revalidated)).isEqualTo("v1");
        assertThat(server.seen.get(1).header("If-None-Match")).isEqualTo("\"1\"");
        // revalidation restarts the max age
        assertThat(fetcher.fetch(get("/doc", 10, false, false)).cacheOutcome()).isEqualTo("fresh_hit");

        server.route("/doc", Reply.ok("v2").withEtag("\"2\""));
        clock.advance(Duration.ofSeconds(11));
        FetchedDocument refreshed = fetcher.fetch(get("/doc", 10, false, false));
        assertThat(refreshed.cacheOutcome()).isEqualTo("refreshed");
        assertThat(text(refreshed)).isEqualTo("v2");
    }

    @Test
    void lastModifiedIsSentAsIfModifiedSince() {
        server.route("/doc", Reply.ok("v1").withHeader("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT"));
        fetcher.fetch(get("/doc", 0, false, false));
        fetcher.fetch(get("/doc", 0, false, false));
        assertThat(server.seen.get(1).header("If-Modified-Since")).isEqualTo("Wed, 21 Oct 2015 07:28:00 GMT");
    }

    @Test
    void serverErrorOrUnreachableServesStaleCopy() {
        server.route("/doc", Reply.ok("v1"));
        fetcher.fetch(get("/doc", 0, false, false));
        server.route("/doc", Reply.status(503));
        FetchedDocument stale = fetcher.fetch(get("/doc", 0, false, false));
        assertThat(stale.cacheOutcome()).isEqualTo("stale_hit");
        assertThat(stale.stale()).isTrue();
        assertThat(text(stale)).isEqualTo("v1");
        assertThat(stale.staleReason()).isEqualTo("http_503");
        assertThat(stale.dependency().isCurrent(clock)).isFalse();
        server.close();
        FetchedDocument offline = fetcher.fetch(get("/doc", 0, false, false));
        assertThat(offline.cacheOutcome()).isEqualTo("stale_hit");
        assertThat(offline.staleReason()).isEqualTo("unreachable");
        assertThat(text(offline)).isEqualTo("v1");
    }

    @Test
    void mustRevalidateIsFreshWithinItsLifetimeThenNeverServedStaleWhenThePublisherFails() {
        server.route("/doc", Reply.ok("v1").withEtag("\"1\"").withHeader("Cache-Control", "max-age=60, must-revalidate"));
        fetcher.fetch(get("/doc", null, false, false));
        clock.advance(Duration.ofSeconds(30));
        assertThat(fetcher.fetch(get("/doc", null, false, false)).cacheOutcome()).isEqualTo("fresh_hit");
        // within its lifetime, a forced refresh with the publisher failing may still serve it
        server.route("/doc", Reply.status(503));
        FetchedDocument forced = fetcher.fetch(get("/doc", null, false, true));
        assertThat(forced.cacheOutcome()).isEqualTo("stale_hit");
        assertThat(forced.staleReason()).isEqualTo("http_503");
        // past it: asked (never a fresh_hit), and the publisher's failure is the source's failure
        clock.advance(Duration.ofSeconds(31));
        assertThatThrownBy(() -> fetcher.fetch(get("/doc", null, false, false)))
                .isInstanceOfSatisfying(OcliException.class, e -> {
                    assertThat(e.code()).isEqualTo("source_fetch_failed");
                    assertThat(e.getMessage()).contains("HTTP 503", "must-revalidate");
                });
        long asked = server.count("GET", "/doc");
        server.close();
        assertThatThrownBy(() -> fetcher.fetch(get("/doc", null, false, false)))
                .isInstanceOfSatisfying(OcliException.class, e -> assertThat(e.getMessage()).contains("could not connect", "must-revalidate"));
        assertThat(asked).isEqualTo(3);
    }

    @Test
    void mustRevalidateCopyIsKeptAndServedAgainOnceThePublisherConfirmsIt() throws Exception {
        server.route("/doc", Reply.ok("v1").withEtag("\"1\"").withHeader("Cache-Control", "max-age=60, must-revalidate"));
        fetcher.fetch(get("/doc", null, false, false));
        clock.advance(Duration.ofSeconds(61));
        server.route("/doc", Reply.status(502));
        assertThatThrownBy(() -> fetcher.fetch(get("/doc", null, false, false))).isInstanceOf(OcliException.class);
        server.route("/doc", Reply.ok("v1").withEtag("\"1\"").withHeader("Cache-Control", "max-age=60, must-revalidate"));
        FetchedDocument confirmed = fetcher.fetch(get("/doc", null, false, false));
        assertThat(confirmed.cacheOutcome()).isEqualTo("revalidated_hit");
        assertThat(text(confirmed)).isEqualTo("v1");
    }

    @Test
    void manualOnlyStillServesAMustRevalidateCopyWithoutAsking() {
        server.route("/doc", Reply.ok("v1").withHeader("Cache-Control", "max-age=60, must-revalidate"));
        fetcher.fetch(get("/doc", null, true, false));
        clock.advance(Duration.ofDays(2));
        FetchedDocument reused = fetcher.fetch(get("/doc", null, true, false));
        assertThat(reused.cacheOutcome()).isEqualTo("stale_hit");
        assertThat(reused.staleReason()).isEqualTo("manual_only");
        assertThat(server.count("GET", "/doc")).isEqualTo(1);
    }

    @Test
    void proxyRevalidateIsForSharedCachesAndNotActedOn() {
        assertThat(CacheControl.parse("max-age=5, proxy-revalidate").mustRevalidate()).isFalse();
        assertThat(CacheControl.parse("Must-Revalidate").mustRevalidate()).isTrue();
        server.route("/doc", Reply.ok("v1").withHeader("Cache-Control", "max-age=5, proxy-revalidate"));
        fetcher.fetch(get("/doc", null, false, false));
        clock.advance(Duration.ofSeconds(6));
        server.route("/doc", Reply.status(503));
        assertThat(fetcher.fetch(get("/doc", null, false, false)).cacheOutcome()).isEqualTo("stale_hit");
    }

    @Test
    void failureWithoutCacheNamesUrlAndStatus() {
        assertThatThrownBy(() -> fetcher.fetch(get("/missing", null, false, false)))
                .isInstanceOfSatisfying(OcliException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM);
                    assertThat(e.code()).isEqualTo("source_fetch_failed");
                    assertThat(e.getMessage()).contains(server.url("/missing"), "404");
                });
        String unreachable = server.url("/x");
        server.close();
        assertThatThrownBy(() -> fetcher.fetch(unreachable, dir, null))
                .isInstanceOfSatisfying(OcliException.class, e -> {
                    assertThat(e.code()).isEqualTo("source_fetch_failed");
                    assertThat(e.getMessage()).contains(unreachable);
                });
    }

    @Test
    void manualOnlyReusesCacheUntilForcedRefresh() {
        server.route("/doc", Reply.ok("v1").withEtag("\"1\""));
        fetcher.fetch(get("/doc", 0, true, false));
        clock.advance(Duration.ofDays(30));
        FetchedDocument reused = fetcher.fetch(get("/doc", 0, true, false));
        // served without asking, but reported: the copy is past its lifetime (as the reference does)
        assertThat(reused.cacheOutcome()).isEqualTo("stale_hit");
        assertThat(reused.staleReason()).isEqualTo("manual_only");
        assertThat(reused.dependency().isCurrent(clock)).isTrue();
        assertThat(server.count("GET", "/doc")).isEqualTo(1);
        assertThat(fetcher.fetch(get("/doc", 0, true, true)).cacheOutcome()).isEqualTo("revalidated_hit");
        assertThat(server.count("GET", "/doc")).isEqualTo(2);
    }

    @Test
    void forcedRefreshIgnoresMaxAge() {
        server.route("/doc", Reply.ok("v1"));
        fetcher.fetch(get("/doc", 3600, false, false));
        server.route("/doc", Reply.ok("v2"));
        FetchedDocument forced = fetcher.fetch(get("/doc", 3600, false, true));
        assertThat(forced.cacheOutcome()).isEqualTo("refreshed");
        assertThat(text(forced)).isEqualTo("v2");
    }

    @Test
    void corruptEntryIsDroppedAndRefetched() throws Exception {
        server.route("/doc", Reply.ok("v1"));
        fetcher.fetch(get("/doc", 3600, false, false));
        Path cacheDir = dir.resolve("cache");
        try (var files = Files.list(cacheDir)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".body")).toList()) Files.writeString(p, "tampered");
        }
        FetchedDocument again = fetcher.fetch(get("/doc", 3600, false, false));
        assertThat(again.cacheOutcome()).isEqualTo("miss");
        assertThat(text(again)).isEqualTo("v1");
        try (var files = Files.list(cacheDir)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".json")).toList()) Files.writeString(p, "{not json");
        }
        assertThat(fetcher.fetch(get("/doc", 3600, false, false)).cacheOutcome()).isEqualTo("miss");
    }

    @Test
    void cacheKeyIncludesMethodAndAccept() {
        server.route("/doc", Reply.ok("v1"));
        fetcher.fetch(get("/doc", 3600, false, false));
        FetchedDocument other = fetcher.fetch(get("/doc", 3600, false, false).withAccept("application/linkset+json"));
        assertThat(other.cacheOutcome()).isEqualTo("miss");
        assertThat(server.seen.get(1).header("Accept")).isEqualTo("application/linkset+json");
        assertThat(fetcher.fetch(get("/doc", 3600, false, false).withMethod("HEAD")).cacheOutcome()).isEqualTo("miss");
        assertThat(server.count("HEAD", "/doc")).isEqualTo(1);
    }

    @Test
    void redirectsAreFollowedAndLocationIsTheFinalUrl() {
        server.route("/old", new Reply(302, java.util.Map.of("Location", "/new"), "", null));
        server.route("/new", Reply.ok("moved"));
        FetchedDocument d = fetcher.fetch(get("/old", null, false, false));
        assertThat(text(d)).isEqualTo("moved");
        assertThat(d.location()).isEqualTo(server.url("/new"));
    }

    @Test
    void localFilesByRelativePathAndFileUri() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "x: 1");
        FetchedDocument rel = fetcher.fetch("a.yaml", dir, null);
        assertThat(text(rel)).isEqualTo("x: 1");
        assertThat(rel.cacheOutcome()).isNull();
        assertThat(rel.dependency().file()).isEqualTo(dir.resolve("a.yaml").toAbsolutePath());
        FetchedDocument uri = fetcher.fetch(dir.resolve("a.yaml").toUri().toString(), null, null);
        assertThat(text(uri)).isEqualTo("x: 1");
        assertThat(rel.dependency().isCurrent(clock)).isTrue();
        Files.writeString(dir.resolve("a.yaml"), "x: 22");
        assertThat(rel.dependency().isCurrent(clock)).isFalse();
    }

    @Test
    void publisherMaxAgeWinsOverConfiguredMaxAge() {
        server.route("/doc", Reply.ok("v1").withHeader("Cache-Control", "max-age=600"));
        FetchedDocument first = fetcher.fetch(get("/doc", 60, false, false));
        assertThat(first.cacheControl()).isEqualTo("max-age=600");
        assertThat(first.expiresAt()).isEqualTo(clock.instant().plusSeconds(600));
        clock.advance(Duration.ofSeconds(300));
        assertThat(fetcher.fetch(get("/doc", 60, false, false)).cacheOutcome()).isEqualTo("fresh_hit");
        assertThat(server.count("GET", "/doc")).isEqualTo(1);
    }

    @Test
    void noCacheRevalidatesEveryTimeAndSeesAChange() {
        server.route("/doc", Reply.ok("v1").withEtag("\"1\"").withHeader("Cache-Control", "no-cache"));
        assertThat(fetcher.fetch(get("/doc", 3600, false, false)).cacheOutcome()).isEqualTo("miss");
        FetchedDocument again = fetcher.fetch(get("/doc", 3600, false, false));
        assertThat(again.cacheOutcome()).isEqualTo("revalidated_hit");
        assertThat(again.dependency().isCurrent(clock)).isFalse();
        server.route("/doc", Reply.ok("v2").withEtag("\"2\"").withHeader("Cache-Control", "no-cache"));
        FetchedDocument changed = fetcher.fetch(get("/doc", 3600, false, false));
        assertThat(changed.cacheOutcome()).isEqualTo("refreshed");
        assertThat(text(changed)).isEqualTo("v2");
    }

    @Test
    void expiresHeaderGovernsWhenThereIsNoMaxAge() {
        // the JDK server always sends its own Date (real time): Expires is read relative to it
        String expires = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(600));
        server.route("/doc", Reply.ok("v1").withHeader("Expires", expires));
        FetchedDocument first = fetcher.fetch(get("/doc", 60, false, false));
        assertThat(first.expiresAt()).isBetween(clock.instant().plusSeconds(597), clock.instant().plusSeconds(601));
        clock.advance(Duration.ofSeconds(120));
        assertThat(fetcher.fetch(get("/doc", 60, false, false)).cacheOutcome()).isEqualTo("fresh_hit");
        clock.advance(Duration.ofSeconds(500));
        assertThat(fetcher.fetch(get("/doc", 60, false, false)).cacheOutcome()).isEqualTo("refreshed");
    }

    @Test
    void noStoreIsNeverWrittenToDiskAndIsNotAvailableOffline() throws Exception {
        server.route("/doc", Reply.ok("secret-ish").withHeader("Cache-Control", "no-store"));
        assertThat(fetcher.fetch(get("/doc", 3600, false, false)).cacheOutcome()).isEqualTo("miss");
        Path cacheDir = dir.resolve("cache");
        if (Files.isDirectory(cacheDir)) {
            try (var files = Files.list(cacheDir)) {
                assertThat(files.filter(p -> !p.getFileName().toString().startsWith(".tmp-"))).isEmpty();
            }
        }
        assertThat(fetcher.fetch(get("/doc", 3600, false, false)).cacheOutcome()).isEqualTo("miss");
        assertThat(server.count("GET", "/doc")).isEqualTo(2);
        String url = server.url("/doc");
        server.close();
        assertThatThrownBy(() -> fetcher.fetch(new FetchRequest(url, dir, "GET", null, 3600, false, false)))
                .isInstanceOfSatisfying(OcliException.class, e -> assertThat(e.code()).isEqualTo("source_fetch_failed"));
    }

    @Test
    void noStoreOnAPreviouslyStoredDocumentRemovesTheStoredCopy() {
        server.route("/doc", Reply.ok("v1").withEtag("\"1\""));
        fetcher.fetch(get("/doc", 0, false, false));
        server.route("/doc", Reply.ok("v2").withHeader("Cache-Control", "no-store"));
        assertThat(fetcher.fetch(get("/doc", 0, false, false)).cacheOutcome()).isEqualTo("refreshed");
        assertThat(fetcher.fetch(get("/doc", 0, false, false)).cacheOutcome()).isEqualTo("miss");
    }

    @Test
    void aPublishersOversizedHeadersAreKeptOnlyAsFarAsTheyAreRead() {
        String padding = "x".repeat(100_000);
        server.route("/doc", Reply.ok("v1").withHeader("Cache-Control", "max-age=60, " + padding).withEtag("\"" + padding + "\""));
        FetchedDocument first = fetcher.fetch(get("/doc", 5, false, false));
        assertThat(first.cacheControl()).startsWith("max-age=60, xxx").hasSize(1024);
        assertThat(first.etag()).isNull();
        // the publisher's max-age still wins; the copy stored on disk is bounded the same way
        clock.advance(Duration.ofSeconds(30));
        FetchedDocument second = fetcher.fetch(get("/doc", 5, false, false));
        assertThat(second.cacheOutcome()).isEqualTo("fresh_hit");
        assertThat(second.cacheControl()).hasSize(1024);
        // no validator was kept, so a forced fetch asks unconditionally rather than with 100 KB of If-None-Match
        fetcher.fetch(get("/doc", 5, false, true));
        assertThat(server.seen.get(1).header("If-None-Match")).isNull();
    }
}
