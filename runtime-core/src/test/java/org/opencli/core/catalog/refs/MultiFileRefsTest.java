package org.opencli.core.catalog.refs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.catalog.Catalog;
import org.opencli.core.catalog.CatalogBuild;
import org.opencli.core.catalog.Fetch;
import org.opencli.core.catalog.TestCatalogs;
import org.opencli.core.catalog.Tool;
import org.opencli.core.discovery.DocumentDependency;

/** External $refs across local files: path items, parameters, schemas (nested, recursive), security schemes. */
class MultiFileRefsTest {
    @TempDir
    Path dir;

    private Catalog catalog() {
        return MultiFile.build(dir, MultiFile.FIXTURE.resolve("openapi.yaml").toUri().toString()).catalog();
    }

    private static Tool tool(Catalog c, String id) {
        return c.tools().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void pathItemInAnotherFileBecomesTools() {
        assertThat(catalog().tools()).extracting(Tool::id).containsExactly(
                "helpdesk:listTickets", "helpdesk:createTicket", "helpdesk:getTicket", "helpdesk:getLegacy",
                "helpdesk:createNode");
    }

    @Test
    void parameterRefIntoSharedFileWithItsOwnLocalSchemaRef() {
        Tool list = tool(catalog(), "helpdesk:listTickets");
        assertThat(list.flags()).extracting(p -> p.originalName()).containsExactly("page_size", "X-Trace");
        // common.yaml's "#/components/schemas/PageSize" points into common.yaml, so it is inlined.
        assertThat(list.flags().get(0).schema().toString()).isEqualTo("{\"type\":\"integer\",\"maximum\":100}");
        assertThat(list.flags().get(1).location()).isEqualTo("header");
    }

    @Test
    void pointerEscapesSelectPathItemInOtherFile() {
        Tool legacy = tool(catalog(), "helpdesk:getLegacy");
        assertThat(legacy.path()).isEqualTo("/legacy/{id}");
        assertThat(legacy.pathParams()).singleElement()
                .satisfies(p -> assertThat(p.schema().path("type").asText()).isEqualTo("integer"));
    }

    @Test
    void schemaRefIsBundledWithNestedRelativeRefAndMainDocumentRefKeptLocal() {
        JsonNode schema = tool(catalog(), "helpdesk:createTicket").requestBody().contentTypes().get(0).schema();
        assertThat(schema.path("required").get(0).asText()).isEqualTo("title");
        assertThat(schema.path("properties").path("status").path("enum").toString()).isEqualTo("[\"open\",\"closed\"]");
        assertThat(schema.path("properties").path("requester").path("$ref").asText()).isEqualTo("#/components/schemas/User");
        assertThat(externalRefs(schema)).isEmpty();
    }

    @Test
    void recursionAcrossTwoFilesIsHoistedAndReferencedLocally() {
        JsonNode schema = tool(catalog(), "helpdesk:createNode").requestBody().contentTypes().get(0).schema();
        JsonNode edge = schema.path("properties").path("edges").path("items");
        assertThat(edge.path("properties").path("label").path("type").asText()).isEqualTo("string");
        assertThat(edge.path("properties").path("target").path("$ref").asText()).isEqualTo("#/components/schemas/node");
        assertThat(externalRefs(schema)).isEmpty();
    }

    @Test
    void securitySchemeRefIntoSharedFile() {
        var req = tool(catalog(), "helpdesk:getTicket").authAlternatives().get(0).requirements().get(0);
        assertThat(req.name()).isEqualTo("apiKey");
        assertThat(req.type()).isEqualTo("apiKey");
        assertThat(req.paramName()).isEqualTo("X-Api-Key");
    }

    @Test
    void everyReferencedFileIsADependencyAndAProvenanceFetch() throws Exception {
        Path spec = MultiFile.copy(dir);
        CatalogBuild build = MultiFile.build(dir, spec.resolve("openapi.yaml").toUri().toString());
        List<String> expected = List.of("openapi.yaml", "paths/tickets.yaml", "common.yaml", "schemas/ticket.yaml",
                "schemas/status.yaml", "schemas/node.yaml", "schemas/edge.yaml");
        List<String> expectedUris = expected.stream().map(f -> spec.resolve(f).toUri().toString()).toList();
        assertThat(build.dependencies()).extracting(DocumentDependency::location).containsExactlyInAnyOrderElementsOf(expectedUris);
        assertThat(build.catalog().sources().get(0).provenance().fetches()).extracting(Fetch::url)
                .containsExactlyInAnyOrderElementsOf(expectedUris);

        DocumentDependency status = build.dependencies().stream()
                .filter(d -> d.location().endsWith("schemas/status.yaml")).findFirst().orElseThrow();
        assertThat(status.isCurrent(TestCatalogs.CLOCK)).isTrue();
        Files.writeString(spec.resolve("schemas/status.yaml"), "type: string\nenum: [open, closed, pending]\n");
        assertThat(status.isCurrent(TestCatalogs.CLOCK)).isFalse();

        String before = build.catalog().sourceFingerprint();
        CatalogBuild rebuilt = MultiFile.build(dir, spec.resolve("openapi.yaml").toUri().toString());
        assertThat(rebuilt.catalog().sourceFingerprint()).isNotEqualTo(before);
        assertThat(tool(rebuilt.catalog(), "helpdesk:createTicket").requestBody().contentTypes().get(0).schema()
                .path("properties").path("status").path("enum")).hasSize(3);
    }

    @Test
    void relativeSourceUriResolvesRefsAgainstTheDocument() throws Exception {
        Path spec = MultiFile.copy(dir);
        Files.writeString(spec.resolve("extra.yaml"), "ignored: true\n");
        assertThat(MultiFile.build(dir, "spec/openapi.yaml").catalog().tools()).hasSize(5);
    }

    @Test
    void overlaysSeeTheBundledDocument() throws Exception {
        Files.writeString(dir.resolve("rename.overlay.yaml"), """
                overlay: 1.0.0
                info: {title: rename, version: "1"}
                actions:
                  - target: "$.paths['/tickets'].get"
                    update: {x-cli-name: ls}
                """);
        Catalog c = TestCatalogs.build(TestCatalogs.config(dir, """
                {"cli":"1.0.0","mode":{"default":"discover"},
                 "sources":{"hd":{"type":"openapi","uri":"%s"}},
                 "services":{"helpdesk":{"source":"hd","overlays":["rename.overlay.yaml"]}}}"""
                .formatted(MultiFile.FIXTURE.resolve("openapi.yaml").toUri())), dir.resolve("cache")).catalog();
        assertThat(tool(c, "helpdesk:listTickets").command()).isEqualTo("ls");
    }

    /** Every $ref in {@code node} that is not a local "#/..." ref. */
    static List<String> externalRefs(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isObject() && node.has("$ref") && !node.get("$ref").asText().startsWith("#")) out.add(node.get("$ref").asText());
        node.forEach(child -> out.addAll(externalRefs(child)));
        return out;
    }
}
