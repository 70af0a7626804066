package org.opencli.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.audit.AuditRecord;
import org.opencli.core.auth.Caller;
import org.opencli.core.catalog.Tool;
import org.opencli.core.discovery.TestHttpServer;
import org.opencli.core.discovery.TestHttpServer.Reply;
import org.opencli.core.error.OcliException;

/** An explicit refresh through the engine, against a real HTTP publisher. */
class RefreshTest {
    @TempDir
    Path dir;
    TestHttpServer publisher;
    RuntimeEngine engine;
    Path config;

    private static String api(String... ops) {
        StringBuilder paths = new StringBuilder();
        for (String op : ops)
            paths.append("  /").append(op).append(":\n    get: {operationId: ").append(op)
                    .append(", responses: {\"200\": {description: ok}}}\n");
        return "openapi: 3.1.0\ninfo: {title: Pets, version: \"1\"}\nservers: [{url: /v1}]\npaths:\n" + paths;
    }

    @BeforeEach
    void start() throws Exception {
        publisher = new TestHttpServer();
        publisher.route("/pets.yaml", Reply.ok(api("listPets")).withEtag("\"1\"").withHeader("Cache-Control", "no-cache"));
        publisher.route("/other.yaml", Reply.ok(api("listOwners")));
        config = dir.resolve(".cli.json");
        Files.writeString(config, """
                {"cli":"1","mode":{"default":"discover"},
                 "sources":{"pets":{"type":"openapi","uri":"%s"},
                            "other":{"type":"openapi","uri":"%s","refresh":{"maxAgeSeconds":3600}}},
                 "services":{"pets":{"source":"pets"},"other":{"source":"other"}}}"""
                .formatted(publisher.url("/pets.yaml"), publisher.url("/other.yaml")));
        engine = EmbeddedEngines.under(dir, config);
    }

    @AfterEach
    void stop() {
        engine.close();
        publisher.close();
    }

    private RefreshReport.SourceRefresh source(RefreshReport r, String id) {
        return r.sources().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private List<String> toolIds() {
        return engine.effectiveCatalog(new CatalogQuery(null, null, null)).catalog().tools().stream().map(Tool::id).toList();
    }

    @Test
    void outcomesFollowThePublisherAndTheCatalogIsRebuilt() {
        RefreshReport first = engine.refresh(new RefreshQuery(null, null), Caller.unauthenticated("r1"));
        assertThat(first.catalogRebuilt()).isTrue();
        assertThat(first.sources()).extracting(RefreshReport.SourceRefresh::id).containsExactly("pets", "other");
        assertThat(source(first, "pets").cacheOutcome()).isEqualTo("miss");
        assertThat(source(first, "pets").documents().get(0).cacheControl()).isEqualTo("no-cache");

        RefreshReport second = engine.refresh(new RefreshQuery(null, null), Caller.unauthenticated("r2"));
        // forced: both are asked; ETag → 304 for pets, no validator on other → a full 200 (refreshed)
        assertThat(source(second, "pets").cacheOutcome()).isEqualTo("revalidated_hit");
        assertThat(source(second, "other").cacheOutcome()).isEqualTo("refreshed");

        publisher.route("/pets.yaml", Reply.ok(api("listPets", "adoptPet")).withEtag("\"2\"").withHeader("Cache-Control", "no-cache"));
        RefreshReport changed = engine.refresh(new RefreshQuery(null, "pets"), Caller.unauthenticated("r3"));
        assertThat(source(changed, "pets").cacheOutcome()).isEqualTo("refreshed");
        assertThat(source(changed, "pets").forced()).isTrue();
        // not asked for: read as usual, its copy still fresh (maxAgeSeconds 3600, the publisher silent)
        assertThat(source(changed, "other").forced()).isFalse();
        assertThat(source(changed, "other").cacheOutcome()).isEqualTo("fresh_hit");
        assertThat(toolIds()).contains("pets:adoptPet");

        publisher.close();
        RefreshReport down = engine.refresh(new RefreshQuery(null, null), Caller.unauthenticated("r4"));
        assertThat(down.catalogRebuilt()).isTrue();
        assertThat(source(down, "pets").cacheOutcome()).isEqualTo("stale_hit");
        assertThat(source(down, "pets").stale()).isTrue();
        assertThat(source(down, "pets").reason()).isEqualTo("unreachable");
        assertThat(toolIds()).contains("pets:adoptPet", "other:listOwners");

        // each refresh's audit record was awaited before the answer
        List<String> refreshes = auditLines().stream().filter(l -> l.contains("\"" + AuditRecord.CATALOG_REFRESH + "\""))
                .toList();
        assertThat(refreshes).hasSize(4);
        assertThat(refreshes.get(3)).contains("\"requestId\":\"r4\"", "\"reasonCode\":\"stale\"");
    }

    @Test
    void overlappingRefreshesShareOneFetchPerDocumentAndEachIsAudited() throws Exception {
        java.util.concurrent.CountDownLatch gate = publisher.hold("/other.yaml");
        List<String> firstHeard = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> secondHeard = new java.util.concurrent.CopyOnWriteArrayList<>();
        RefreshQuery all = new RefreshQuery(null, null);
        java.util.concurrent.CompletableFuture<RefreshReport> first = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> engine.prepareRefresh(all, Caller.unauthenticated("a")).run(s -> firstHeard.add(s.id())));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> publisher.count("GET", "/other.yaml") == 1); // the first is fetching its second source
        java.util.concurrent.CompletableFuture<RefreshReport> second = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> engine.prepareRefresh(all, Caller.unauthenticated("b")).run(s -> secondHeard.add(s.id())));
        // joined: it hears what was read before it came
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> secondHeard.contains("pets"));
        gate.countDown();

        RefreshReport a = first.get(30, java.util.concurrent.TimeUnit.SECONDS);
        RefreshReport b = second.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(b).isSameAs(a);
        assertThat(firstHeard).containsExactly("pets", "other");
        assertThat(secondHeard).containsExactly("pets", "other");
        assertThat(publisher.count("GET", "/pets.yaml")).isEqualTo(1);
        assertThat(publisher.count("GET", "/other.yaml")).isEqualTo(1);
        List<String> records = auditLines().stream().filter(l -> l.contains("\"" + AuditRecord.CATALOG_REFRESH + "\"")).toList();
        assertThat(records).hasSize(2).anyMatch(l -> l.contains("\"requestId\":\"a\""))
                .anyMatch(l -> l.contains("\"requestId\":\"b\""));

        // once it ended, a refresh asks the publisher again
        engine.refresh(all, Caller.unauthenticated("c"));
        assertThat(publisher.count("GET", "/pets.yaml")).isEqualTo(2);
    }

    @Test
    void eachSourceIsHeardAsSoonAsItIsReadBeforeTheNextIsFetched() {
        List<String> heard = new java.util.ArrayList<>();
        RefreshReport report = engine.prepareRefresh(new RefreshQuery(null, null), null).run(s -> {
            // when pets is heard, the publisher has not been asked for the next source yet
            heard.add(s.id() + ":" + s.cacheOutcome() + ":" + publisher.count("GET", "/other.yaml"));
            throw new IllegalStateException("a listener that fails does not stop the refresh");
        });
        assertThat(heard).containsExactly("pets:miss:0", "other:miss:1");
        assertThat(report.catalogRebuilt()).isTrue();
        assertThat(report.sources()).extracting(RefreshReport.SourceRefresh::cacheOutcome).containsExactly("miss", "miss");
        assertThat(toolIds()).contains("pets:listPets", "other:listOwners");
    }

    @Test
    void whenTheBuildFailsTheSourcesReadBeforeKeepTheirOutcomeAndEachIsHeardOnce() {
        publisher.route("/pets.yaml", Reply.status(503)); // first in config order, nothing cached
        List<String> heard = new java.util.ArrayList<>();
        RefreshReport r = engine.prepareRefresh(new RefreshQuery(null, null), null).run(s -> heard.add(s.id() + ":" + s.cacheOutcome()));
        assertThat(r.catalogRebuilt()).isFalse();
        assertThat(heard).containsExactly("pets:failed", "other:miss");
        assertThat(r.sources()).extracting(s -> s.id() + ":" + s.cacheOutcome()).containsExactlyElementsOf(heard);
    }

    @Test
    void prepareRefusesBadInputBeforeAnythingIsFetched() {
        assertThatThrownBy(() -> engine.prepareRefresh(new RefreshQuery(null, "nope"), null))
                .isInstanceOfSatisfying(OcliException.class, e -> assertThat(e.code()).isEqualTo("unknown_source"));
        assertThat(publisher.seen).isEmpty();
    }

    private List<String> auditLines() {
        try {
            return Files.readAllLines(dir.resolve("state/audit.log"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aSourceWithNothingCachedFailsAndIsNamedWhileTheOthersAreReported() {
        // no-store: never on disk, so when its publisher fails there is nothing to fall back on
        publisher.route("/other.yaml", Reply.ok(api("listOwners")).withHeader("Cache-Control", "no-store"));
        assertThat(engine.refresh(new RefreshQuery(null, null), null).catalogRebuilt()).isTrue();
        publisher.route("/other.yaml", Reply.status(503));
        RefreshReport r = engine.refresh(new RefreshQuery(null, null), null);
        assertThat(r.catalogRebuilt()).isFalse();
        assertThat(source(r, "other").cacheOutcome()).isEqualTo("failed");
        assertThat(source(r, "other").reason()).isEqualTo("source_fetch_failed");
        assertThat(source(r, "other").detail()).contains("HTTP 503");
        assertThat(source(r, "pets").cacheOutcome()).isIn("revalidated_hit", "fresh_hit");
        assertThat(r.count("failed")).isEqualTo(1);
        assertThat(auditLines()).last().asString().contains("\"reasonCode\":\"failed\"");
    }

    @Test
    void aStaleMustRevalidateCopyIsNotServedWhenThePublisherIsDown() {
        publisher.route("/pets.yaml", Reply.ok(api("listPets")).withEtag("\"1\"").withHeader("Cache-Control", "max-age=0, must-revalidate"));
        assertThat(engine.refresh(new RefreshQuery(null, null), null).catalogRebuilt()).isTrue();
        publisher.close();
        RefreshReport down = engine.refresh(new RefreshQuery(null, null), null);
        assertThat(down.catalogRebuilt()).isFalse();
        assertThat(source(down, "pets").cacheOutcome()).isEqualTo("failed");
        assertThat(source(down, "pets").detail()).contains("must-revalidate");
        // not reached before the failure, so read alone as usual: its copy (3600 s) is still fresh
        assertThat(source(down, "other").cacheOutcome()).isEqualTo("fresh_hit");
    }

    @Test
    void inputIsValidatedBeforeAnythingIsFetched() {
        assertThatThrownBy(() -> engine.refresh(new RefreshQuery(null, "../etc"), null))
                .isInstanceOfSatisfying(OcliException.class, e -> assertThat(e.code()).isEqualTo("invalid_source"));
        assertThatThrownBy(() -> engine.refresh(new RefreshQuery(null, "x".repeat(129)), null))
                .isInstanceOfSatisfying(OcliException.class, e -> assertThat(e.code()).isEqualTo("invalid_source"));
        assertThatThrownBy(() -> engine.refresh(new RefreshQuery(null, "nope"), null))
                .isInstanceOfSatisfying(OcliException.class, e -> {
                    assertThat(e.code()).isEqualTo("unknown_source");
                    assertThat(e.kind().httpStatus()).isEqualTo(404);
                });
        assertThat(publisher.seen).isEmpty();
    }
}
