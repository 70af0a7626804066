package org.opencli.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.catalog.CatalogBuild;
import org.opencli.core.catalog.CatalogBuilder;
import org.opencli.core.catalog.Fetch;
import org.opencli.core.catalog.Service;
import org.opencli.core.catalog.TestCatalogs;
import org.opencli.core.catalog.Tool;
import org.opencli.core.discovery.TestHttpServer.Reply;
import org.opencli.core.error.OcliException;

/** RFC 8631 service roots and RFC 9727 API catalogs, end to end through the catalog builder. */
class ServiceDiscoveryTest {
    @TempDir
    Path dir;
    TestHttpServer server;
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private static String api(String title, String path, String opId) {
        return """
                openapi: 3.1.0
                info: {title: %s, version: "1"}
                servers: [{url: /v1}]
                paths:
                  %s:
                    get: {operationId: %s, responses: {"200": {description: ok}}}
                """.formatted(title, path, opId);
    }

    @BeforeEach
    void start() throws Exception {
        server = new TestHttpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CatalogBuild build(String sourceType, String rootPath, String services) {
        String json = """
                {"cli":"1","mode":{"default":"discover"},
                 "sources":{"remote":{"type":"%s","uri":"%s","refresh":{"maxAgeSeconds":120}}}%s}"""
                .formatted(sourceType, server.url(rootPath), services);
        return new CatalogBuilder(DocumentFetchers.standard(dir.resolve("cache"), clock), clock)
                .build(TestCatalogs.config(dir, json));
    }

    private void serviceRoot(String root, String title, String path, String opId) {
        server.route(root + "/openapi.yaml", Reply.ok(api(title, path, opId)));
        server.route(root, Reply.ok("").withHeader("Link",
                "<" + root + "/openapi.yaml>; rel=\"service-desc\"; type=\"application/openapi+yaml\", <" + root + "/meta.json>; rel=\"service-meta\""));
    }

    @Test
    void serviceRootFollowsServiceDescAndServiceMetaDocuments() {
        server.route("/notes/openapi.yaml", Reply.ok(api("Notes", "/notes", "listNotes")));
        server.route("/notes", Reply.ok("").withHeader("Link",
                "</notes/openapi.yaml>; rel=\"service-desc\", </notes/meta/linkset.json>; rel=\"service-meta\""));
        server.route("/notes/meta/linkset.json", Reply.ok("""
                {"linkset":[
                  {"href":"notes.skill.yaml","rel":"https://open-cli.dev/rel/skill-manifest"},
                  {"href":"notes.arazzo.yaml","rel":"https://open-cli.dev/rel/workflows"},
                  {"href":"/notes/meta/notes.overlay.yaml","rel":"https://open-cli.dev/rel/schema-overlay"},
                  {"href":"ignored.txt","rel":"license"}]}"""));
        server.route("/notes/meta/notes.skill.yaml", Reply.ok("""
                oasCliSkill: "1"
                serviceId: notes
                toolGuidance: {notes:listNotes: {whenToUse: [browsing]}}"""));
        server.route("/notes/meta/notes.arazzo.yaml", Reply.ok("""
                arazzo: 1.0.0
                info: {title: w, version: "1"}
                workflows: [{workflowId: browse, steps: [{stepId: s, operationId: listNotes}]}]"""));
        server.route("/notes/meta/notes.overlay.yaml", Reply.ok("""
                overlay: 1.0.0
                actions: [{target: "$.paths['/notes'].get", update: {x-cli-name: ls}}]"""));

        CatalogBuild b = build("serviceRoot", "/notes", ",\"services\":{\"notes\":{\"source\":\"remote\",\"alias\":\"n\"}}");

        Tool t = b.catalog().tool("notes:listNotes").orElseThrow();
        assertThat(t.command()).isEqualTo("ls");
        assertThat(t.guidance().whenToUse()).containsExactly("browsing");
        assertThat(t.servers()).containsExactly(server.url("/v1"));
        assertThat(b.catalog().workflows()).singleElement().satisfies(w -> assertThat(w.workflowId()).isEqualTo("browse"));
        assertThat(b.catalog().services()).extracting(Service::id, Service::alias, Service::title)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("notes", "n", "Notes"));
        var source = b.catalog().sources().get(0);
        assertThat(source.uri()).isEqualTo(server.url("/notes"));
        assertThat(source.provenance().method()).isEqualTo("serviceRoot");
        assertThat(source.provenance().fetches()).extracting(Fetch::url, Fetch::requestMethod, Fetch::cacheOutcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(server.url("/notes"), "HEAD", "miss"),
                        org.assertj.core.groups.Tuple.tuple(server.url("/notes/openapi.yaml"), "GET", "miss"),
                        org.assertj.core.groups.Tuple.tuple(server.url("/notes/meta/linkset.json"), "GET", "miss"),
                        org.assertj.core.groups.Tuple.tuple(server.url("/notes/meta/notes.skill.yaml"), "GET", "miss"),
                        org.assertj.core.groups.Tuple.tuple(server.url("/notes/meta/notes.arazzo.yaml"), "GET", "miss"),
                        org.assertj.core.groups.Tuple.tuple(server.url("/notes/meta/notes.overlay.yaml"), "GET", "miss"));
        assertThat(server.seen.stream().filter(s -> s.path().equals("/notes/meta/linkset.json")).findFirst().orElseThrow()
                .header("Accept")).isEqualTo("application/linkset+json");
        assertThat(b.dependencies()).hasSize(6).allSatisfy(d -> assertThat(d.maxAgeSeconds()).isEqualTo(120));
        assertThat(server.count("GET", "/notes")).isZero();

        CatalogBuild again = build("serviceRoot", "/notes", ",\"services\":{\"notes\":{\"source\":\"remote\"}}");
        assertThat(again.catalog().sources().get(0).provenance().fetches()).extracting(Fetch::cacheOutcome)
                .containsOnly("fresh_hit");
    }

    @Test
    void headRefusedFallsBackToGet() {
        serviceRoot("/svc", "Things", "/things", "listThings");
        server.route("/svc/meta.json", Reply.ok("{\"linkset\":[]}"));
        server.head("/svc", Reply.status(405));
        CatalogBuild b = build("serviceRoot", "/svc", "");
        assertThat(b.catalog().tools()).extracting(Tool::id).containsExactly("things:listThings");
        assertThat(server.count("HEAD", "/svc")).isEqualTo(1);
        assertThat(server.count("GET", "/svc")).isEqualTo(1);
        assertThat(b.catalog().sources().get(0).provenance().fetches().get(0).requestMethod()).isEqualTo("GET");
    }

    @Test
    void rootWithoutServiceDescIsAClearError() {
        server.route("/bare", Reply.ok("hello"));
        assertThatThrownBy(() -> build("serviceRoot", "/bare", ""))
                .isInstanceOfSatisfying(OcliException.class, e -> {
                    assertThat(e.code()).isEqualTo("service_desc_missing");
                    assertThat(e.getMessage()).contains(server.url("/bare"));
                });
    }

    @Test
    void apiCatalogFollowsNestedCatalogsOnceAndTurnsItemsIntoServices() {
        serviceRoot("/a", "Alpha", "/alpha", "listAlpha");
        serviceRoot("/b", "Beta", "/beta", "listBeta");
        server.route("/a/meta.json", Reply.ok("{\"linkset\":[]}"));
        server.route("/b/meta.json", Reply.ok("{\"links\":[]}"));
        server.route("/.well-known/api-catalog", Reply.ok("""
                {"links":[{"href":"/a","rel":"item"},{"href":"/more","rel":"api-catalog"}]}"""));
        // RFC 9264 shape, with a cycle back to the first catalog and a repeat of /a
        server.route("/more", Reply.ok("""
                {"linkset":[{"anchor":"/more","item":[{"href":"/b"},{"href":"/a"}],
                             "api-catalog":[{"href":"/.well-known/api-catalog"}]}]}"""));

        CatalogBuild b = build("apiCatalog", "/.well-known/api-catalog", "");

        assertThat(b.catalog().services()).extracting(Service::id, Service::sourceId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alpha", "remote"), org.assertj.core.groups.Tuple.tuple("beta", "remote"));
        assertThat(b.catalog().tools()).extracting(Tool::id).containsExactly("alpha:listAlpha", "beta:listBeta");
        assertThat(b.catalog().sources().get(0).provenance().method()).isEqualTo("apiCatalog");
        assertThat(server.count("GET", "/.well-known/api-catalog")).isEqualTo(1);
        assertThat(server.count("GET", "/more")).isEqualTo(1);
        assertThat(server.count("HEAD", "/a")).isEqualTo(1);
        assertThat(server.seen.get(0).header("Accept")).isEqualTo("application/linkset+json");
    }

    @Test
    void linkHeaderParsing() {
        var links = Links.fromHeaders(java.util.List.of(
                "<https://x.test/a,b>; rel=\"service-desc describedby\", </rel>;rel=service-meta"), "https://x.test/root/");
        assertThat(links).hasSize(2);
        assertThat(links.get(0).href()).isEqualTo("https://x.test/a,b");
        assertThat(links.get(0).hasRel("describedby")).isTrue();
        assertThat(links.get(1).href()).isEqualTo("https://x.test/rel");
        assertThat(links.get(1).hasRel("service-meta")).isTrue();
    }
}
