package org.opencli.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/** Derivation rules that the shop fixture does not pin down: formats, versions, service ids, errors. */
class OpenApiDerivationTest {
    @TempDir
    Path dir;

    private static final String OAS30_JSON = """
            {"openapi":"3.0.3","info":{"title":"Pet Store","version":"1"},
             "servers":[{"url":"/v1"}],
             "paths":{"/pets/{petId}":{"get":{"operationId":"showPetById","parameters":[
               {"name":"petId","in":"path","required":true,"schema":{"type":"string"}}],
               "responses":{"200":{"description":"ok"}}}}}}""";

    @Test
    void openApi30JsonServiceIdFromFirstPathSegment() {
        Catalog c = TestCatalogs.catalogOf(dir, "store.json", OAS30_JSON);
        assertThat(c.services()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo("pets");
            assertThat(s.alias()).isEqualTo("pets");
            assertThat(s.title()).isEqualTo("Pet Store");
            assertThat(s.servers()).containsExactly("/v1");
        });
        Tool t = c.tools().get(0);
        assertThat(t.id()).isEqualTo("pets:showPetById");
        assertThat(t.command()).isEqualTo("show-pet-by-id");
        assertThat(t.group()).isEqualTo("pets");
    }

    @Test
    void openApi31YamlServiceIdFromTitleWhenPathsHaveOnlyParameters() {
        Catalog c = TestCatalogs.catalogOf(dir, "x.yaml", """
                openapi: 3.1.0
                info: {title: "Billing & Invoices v2", version: "1"}
                paths:
                  /{id}:
                    delete:
                      responses: {"204": {description: gone}}
                """);
        assertThat(c.services().get(0).id()).isEqualTo("billing-invoices-v2");
        assertThat(c.tools()).extracting(Tool::id).containsExactly("billing-invoices-v2:delete:/{id}");
        assertThat(c.tools().get(0).command()).isEqualTo("delete");
        assertThat(c.tools().get(0).safety()).isEqualTo(new Safety(true, false, false, true));
    }

    @Test
    void serviceIdFromFileNameWhenNoSegmentAndNoTitle() {
        Catalog c = TestCatalogs.catalogOf(dir, "Weather_Data.openapi.yaml", """
                openapi: 3.0.0
                info: {title: "", version: "1"}
                paths:
                  /:
                    post: {responses: {"200": {description: ok}}}
                """);
        assertThat(c.services().get(0).id()).isEqualTo("weather-data");
        assertThat(c.tools().get(0).command()).isEqualTo("create");
        assertThat(c.tools().get(0).group()).isEqualTo("misc");
    }

    @Test
    void onlyCrudMethodsBecomeTools() {
        Catalog c = TestCatalogs.catalogOf(dir, "m.yaml", """
                openapi: 3.0.0
                info: {title: m, version: "1"}
                paths:
                  /things:
                    summary: not an operation
                    get: {operationId: a, responses: {"200": {description: ok}}}
                    put: {operationId: b, responses: {"200": {description: ok}}}
                    post: {operationId: c, responses: {"200": {description: ok}}}
                    delete: {operationId: d, responses: {"200": {description: ok}}}
                    patch: {operationId: e, responses: {"200": {description: ok}}}
                    head: {operationId: f, responses: {"200": {description: ok}}}
                    options: {operationId: g, responses: {"200": {description: ok}}}
                    trace: {operationId: h, responses: {"200": {description: ok}}}
                """);
        assertThat(c.tools()).extracting(Tool::method).containsExactly("GET", "PUT", "POST", "DELETE", "PATCH");
    }

    @Test
    void operationParameterOverridesPathParameterWithSameNameAndLocation() {
        Catalog c = TestCatalogs.catalogOf(dir, "p.yaml", """
                openapi: 3.0.0
                info: {title: p, version: "1"}
                paths:
                  /a/{x}/b/{y}:
                    parameters:
                      - {name: y, in: path, required: true, description: from path item}
                      - {name: limit, in: query, description: path level}
                      - {name: limit, in: header, description: a header}
                      - {name: x, in: path, required: true}
                    get:
                      operationId: op
                      parameters:
                        - {name: limit, in: query, required: true, x-cli-name: max, description: operation level}
                      responses: {"200": {description: ok}}
                """);
        Tool t = c.tools().get(0);
        assertThat(t.pathParams()).extracting(ToolParameter::originalName).containsExactly("x", "y");
        assertThat(t.flags()).extracting(ToolParameter::name, ToolParameter::location, ToolParameter::description)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("max", "query", "operation level"),
                        org.assertj.core.groups.Tuple.tuple("limit", "header", "a header"));
    }

    @Test
    void duplicateToolIdsFailNamingBothOperations() {
        assertThatThrownBy(() -> TestCatalogs.catalogOf(dir, "d.yaml", """
                openapi: 3.0.0
                info: {title: d, version: "1"}
                paths:
                  /one:
                    get: {operationId: same, responses: {"200": {description: ok}}}
                  /two:
                    post: {operationId: same, responses: {"200": {description: ok}}}
                """))
                .isInstanceOfSatisfying(OcliException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
                    assertThat(e.code()).isEqualTo("duplicate_tool_id");
                    assertThat(e.getMessage()).contains("one:same", "GET /one", "POST /two");
                });
    }

    @Test
    void notOpenApi3IsRefused() {
        assertThatThrownBy(() -> TestCatalogs.catalogOf(dir, "s.json", "{\"swagger\":\"2.0\",\"paths\":{}}"))
                .isInstanceOfSatisfying(OcliException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_openapi");
                    assertThat(e.getMessage()).contains("s.json");
                });
    }

    @Test
    void unparseableDocumentNamesTheFile() {
        assertThatThrownBy(() -> TestCatalogs.catalogOf(dir, "bad.json", "{\"openapi\": "))
                .isInstanceOfSatisfying(OcliException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_document");
                    assertThat(e.getMessage()).contains("bad.json");
                });
    }

    @Test
    void missingSourceFileIsAClearError() {
        assertThatThrownBy(() -> TestCatalogs.build(TestCatalogs.config(dir,
                "{\"cli\":\"1\",\"mode\":{\"default\":\"discover\"},\"sources\":{\"s\":{\"type\":\"openapi\",\"uri\":\"nope.yaml\"}}}"),
                dir.resolve("cache")))
                .isInstanceOfSatisfying(OcliException.class, e -> {
                    assertThat(e.code()).isEqualTo("document_not_found");
                    assertThat(e.getMessage()).contains("nope.yaml");
                });
    }

    @Test
    void mcpSourceIsListedWithoutTools() {
        CatalogBuild b = TestCatalogs.build(TestCatalogs.config(dir, """
                {"cli":"1","mode":{"default":"discover"},
                 "sources":{"files":{"type":"mcp","transport":{"type":"stdio","command":"mcp-files"}}},
                 "services":{"files":{"source":"files"}}}"""), dir.resolve("cache"));
        assertThat(b.catalog().sources()).singleElement().satisfies(s -> {
            assertThat(s.type()).isEqualTo("mcp");
            assertThat(s.provenance().method()).isEqualTo("mcp");
        });
        assertThat(b.catalog().services()).extracting(Service::id, Service::alias).containsExactly(
                org.assertj.core.groups.Tuple.tuple("files", "files"));
        assertThat(b.catalog().tools()).isEmpty();
    }

    @Test
    void twoUnnamedSourcesWithTheSameDerivedIdGetDistinctServices() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("a.json"), OAS30_JSON);
        java.nio.file.Files.writeString(dir.resolve("b.json"), OAS30_JSON);
        CatalogBuild b = TestCatalogs.build(TestCatalogs.config(dir, """
                {"cli":"1","mode":{"default":"discover"},
                 "sources":{"a":{"type":"openapi","uri":"a.json"},"b":{"type":"openapi","uri":"b.json"}}}"""),
                dir.resolve("cache"));
        assertThat(b.catalog().services()).extracting(Service::id).containsExactly("pets", "pets-2");
        assertThat(b.catalog().tools()).extracting(Tool::id).containsExactly("pets:showPetById", "pets-2:showPetById");
    }

    @Test
    void openApi31JsonAndFingerprintFollowsContent() throws Exception {
        String v1 = "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"Fp\",\"version\":\"1\"},"
                + "\"paths\":{\"/fp\":{\"patch\":{\"operationId\":\"touch\",\"responses\":{}}}}}";
        Catalog first = TestCatalogs.catalogOf(dir, "fp.json", v1);
        assertThat(first.tools()).extracting(Tool::id, Tool::command).containsExactly(
                org.assertj.core.groups.Tuple.tuple("fp:touch", "touch"));
        assertThat(TestCatalogs.catalogOf(dir, "fp.json", v1).sourceFingerprint()).isEqualTo(first.sourceFingerprint());
        assertThat(TestCatalogs.catalogOf(dir, "fp.json", v1.replace("touch", "poke")).sourceFingerprint())
                .isNotEqualTo(first.sourceFingerprint());
    }
}
