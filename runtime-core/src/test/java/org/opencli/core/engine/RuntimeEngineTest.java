package org.opencli.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.catalog.Tool;
import org.opencli.core.config.ConfigLoader;
import org.opencli.core.config.ConfigScopes;
import org.opencli.core.discovery.DocumentFetchers;
import org.opencli.core.error.OcliException;
import org.opencli.core.json.Json;

class RuntimeEngineTest {

    @TempDir
    Path dir;

    Path config;
    Path openapi;

    @BeforeEach
    void copyFixtures() throws IOException {
        config = dir.resolve(".cli.json");
        openapi = dir.resolve("helpdesk.openapi.yaml");
        copy("/engine/cli.json", config);
        copy("/engine/helpdesk.openapi.yaml", openapi);
    }

    private RuntimeEngine engine(Path defaultConfig, boolean pin) {
        EngineSettings settings = new EngineSettings(defaultConfig, pin, "test", dir.resolve("state"),
                dir.resolve("state/cache"), dir.resolve("state/audit.log"), "embedded", Clock.systemUTC());
        ConfigLoader loader = new ConfigLoader(new ConfigScopes(dir.resolve("managed.json"), dir.resolve("user.json")));
        return new RuntimeEngine(settings, loader, DocumentFetchers.standard(dir.resolve("state/cache"), Clock.systemUTC()));
    }

    @Test
    void repeatedRequestsReuseTheBuiltCatalog() {
        RuntimeEngine engine = engine(config, false);
        CatalogResponse first = engine.effectiveCatalog(new CatalogQuery(null, null, null));
        CatalogResponse second = engine.effectiveCatalog(new CatalogQuery(config.toString(), null, null));
        assertThat(first.catalog().tools()).extracting(Tool::id).contains("helpdesk:listTickets");
        assertThat(second.catalog()).isSameAs(first.catalog());
        assertThat(first.view().name()).isEqualTo("discover");
    }

    @Test
    void anEditedSourceIsPickedUp() throws IOException {
        RuntimeEngine engine = engine(config, false);
        var before = engine.effectiveCatalog(new CatalogQuery(null, null, null)).catalog();
        Files.writeString(openapi, Files.readString(openapi).replace("  /internal/reindex:",
                "  /agents:\n    get:\n      operationId: listAgents\n      responses:\n        \"200\": { description: OK }\n  /internal/reindex:"));
        Files.setLastModifiedTime(openapi, FileTime.from(Instant.now().plusSeconds(5)));
        var after = engine.effectiveCatalog(new CatalogQuery(null, null, null)).catalog();
        assertThat(after).isNotSameAs(before);
        assertThat(after.tools()).extracting(Tool::id).contains("helpdesk:listAgents");
        assertThat(before.tools()).extracting(Tool::id).doesNotContain("helpdesk:listAgents");
    }

    @Test
    void anEditedConfigIsPickedUp() throws IOException {
        RuntimeEngine engine = engine(config, false);
        engine.effectiveCatalog(new CatalogQuery(null, null, null));
        Files.writeString(config, Files.readString(config).replace("\"source\": \"helpdeskApi\"",
                "\"source\": \"helpdeskApi\", \"alias\": \"hd\""));
        Files.setLastModifiedTime(config, FileTime.from(Instant.now().plusSeconds(5)));
        var catalog = engine.effectiveCatalog(new CatalogQuery(null, null, null)).catalog();
        assertThat(Json.write(catalog.services())).contains("\"alias\":\"hd\"");
    }

    @Test
    void serializedAnswerEqualsTheObjectAnswerAndIsReused() {
        RuntimeEngine engine = engine(config, false);
        byte[] first = engine.effectiveCatalogJson(new CatalogQuery(null, null, null));
        byte[] second = engine.effectiveCatalogJson(new CatalogQuery(null, null, null));
        assertThat(second).isSameAs(first);
        assertThat(new String(first)).isEqualTo(Json.write(engine.effectiveCatalog(new CatalogQuery(null, null, null))));
    }

    @Test
    void withoutADefaultEveryRequestMustNameAConfig() {
        RuntimeEngine engine = engine(null, false);
        assertThatThrownBy(() -> engine.effectiveCatalog(new CatalogQuery(null, null, null)))
                .isInstanceOfSatisfying(OcliException.class, e -> assertThat(e.code()).isEqualTo("config_required"));
        assertThat(engine.effectiveCatalog(new CatalogQuery(config.toString(), null, null)).catalog().tools()).isNotEmpty();
    }

    @Test
    void missingConfigFileIsReportedWithItsPath() {
        RuntimeEngine engine = engine(null, false);
        assertThatThrownBy(() -> engine.effectiveCatalog(new CatalogQuery(dir.resolve("nope.json").toString(), null, null)))
                .isInstanceOfSatisfying(OcliException.class, e -> {
                    assertThat(e.code()).isEqualTo("config_not_found");
                    assertThat(e.detail()).contains("nope.json");
                });
    }

    @Test
    void aPinnedConfigRefusesOthers() throws IOException {
        Path other = dir.resolve("other/.cli.json");
        Files.createDirectories(other.getParent());
        Files.copy(config, other);
        RuntimeEngine engine = engine(config, true);
        assertThatThrownBy(() -> engine.effectiveCatalog(new CatalogQuery(other.toString(), null, null)))
                .isInstanceOfSatisfying(OcliException.class, e -> assertThat(e.code()).isEqualTo("config_pinned"));
        assertThat(engine.effectiveCatalog(new CatalogQuery(config.toString(), null, null)).catalog().tools()).isNotEmpty();
    }

    @Test
    void runtimeInfoDescribesTheInstance() {
        RuntimeInfo info = engine(config, false).runtimeInfo(null);
        assertThat(info.contractVersion()).isEqualTo("1.1");
        assertThat(info.instanceId()).isEqualTo("test");
        assertThat(info.runtimeMode()).isEqualTo("embedded");
        assertThat(info.capabilities()).contains("catalog");
        assertThat(info.auth().required()).isFalse();
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = RuntimeEngineTest.class.getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
    }

    @Test
    void theAuditStoreFollowsTheStartingConfigsAuditBlock() throws Exception {
        String json = Files.readString(config);
        Files.writeString(config, json.substring(0, json.lastIndexOf('}'))
                + ", \"audit\": {\"fsync\": \"always\", \"rotation\": {\"maxFileBytes\": 1024}}}");
        try (RuntimeEngine engine = engine(config, false)) {
            for (int i = 0; i < 20; i++) {
                engine.audit().append(org.opencli.core.audit.AuditRecord.event("2026-01-01T00:00:00Z", "tool_execution")
                        .withTool(null, "helpdesk:listTickets", "helpdesk")).toCompletableFuture().join();
            }
            assertThat(engine.auditLog().healthy()).isTrue();
            assertThat(engine.auditLog().verify().records()).isEqualTo(20);
            try (var files = Files.list(dir.resolve("state"))) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .anyMatch(n -> n.matches("audit\\.log\\.\\d{20}-\\d{20}"));
            }
        }
    }
}
