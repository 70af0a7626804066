package org.opencli.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencli.core.catalog.overlay.OverlayApplier;
import org.opencli.core.error.OcliException;
import org.opencli.core.json.Json;

class OverlayApplierTest {
    private static JsonNode yaml(String s) throws Exception {
        return Json.YAML.readTree(s);
    }

    private static final String DOC = """
            openapi: 3.1.0
            paths:
              /a:
                get:
                  tags: [one]
                  parameters:
                    - {name: keep, in: query}
                    - {name: drop, in: query}
                    - {name: drop, in: header}
                    - {name: also, in: query}
            """;

    @Test
    void updateDeepMergesObjectsAppendsArraysAndReplacesScalars() throws Exception {
        JsonNode doc = yaml(DOC);
        OverlayApplier.apply(doc, yaml("""
                overlay: 1.0.0
                actions:
                  - target: $.paths['/a'].get
                    update:
                      summary: new
                      tags: [two]
                      x-cli-safety: {requiresApproval: true}
                  - target: $.paths['/a'].get.parameters[?(@.name=='keep')]
                    update: {x-cli-name: kept, in: header}
                """), "o.yaml");
        JsonNode get = doc.at("/paths/~1a/get");
        assertThat(get.get("summary").asText()).isEqualTo("new");
        assertThat(get.get("tags").toString()).isEqualTo("[\"one\",\"two\"]");
        assertThat(get.at("/x-cli-safety/requiresApproval").asBoolean()).isTrue();
        assertThat(get.at("/parameters/0").toString()).isEqualTo("{\"name\":\"keep\",\"in\":\"header\",\"x-cli-name\":\"kept\"}");
    }

    @Test
    void removeDeletesEveryMatchingArrayElementAndFields() throws Exception {
        JsonNode doc = yaml(DOC);
        OverlayApplier.apply(doc, yaml("""
                overlay: 1.0.0
                actions:
                  - target: $.paths['/a'].get.parameters[?(@.name=='drop')]
                    remove: true
                  - target: $.paths['/a'].get.tags
                    remove: true
                  - target: $.paths['/nothing'].get
                    remove: true
                """), "o.yaml");
        JsonNode get = doc.at("/paths/~1a/get");
        assertThat(get.has("tags")).isFalse();
        assertThat(get.get("parameters").findValuesAsText("name")).containsExactly("keep", "also");
    }

    @Test
    void copyMergesTheSourceValueIntoEachTarget() throws Exception {
        JsonNode doc = yaml(DOC + """
                  /b:
                    post: {operationId: b}
                    put: {operationId: c}
                x-shared: {x-cli-group: shared, tags: [t]}
                """);
        OverlayApplier.apply(doc, yaml("""
                overlay: 1.1.0
                actions:
                  - target: $.paths['/b'].*
                    copy: $['x-shared']
                """), "o.yaml");
        assertThat(doc.at("/paths/~1b/post/x-cli-group").asText()).isEqualTo("shared");
        assertThat(doc.at("/paths/~1b/put/tags/0").asText()).isEqualTo("t");
        assertThat(doc.at("/paths/~1b/post/operationId").asText()).isEqualTo("b");
    }

    @Test
    void badOverlaysNameFileAndAction() throws Exception {
        assertThatThrownBy(() -> OverlayApplier.apply(yaml(DOC), yaml("""
                overlay: 1.0.0
                actions:
                  - target: $.paths[?(
                    remove: true
                """), "broken.yaml"))
                .isInstanceOfSatisfying(OcliException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_overlay");
                    assertThat(e.getMessage()).contains("broken.yaml", "$.actions[0].target");
                });
        assertThatThrownBy(() -> OverlayApplier.apply(yaml(DOC), yaml("{info: {}}"), "x.yaml"))
                .isInstanceOfSatisfying(OcliException.class, e -> assertThat(e.code()).isEqualTo("invalid_overlay"));
    }

    @Test
    void aHugeJsonPathIsARefusedOverlayNotAStackOverflow() throws Exception {
        String steps = "$" + ".a".repeat(50_000);
        var overlay = Json.MAPPER.createObjectNode().put("overlay", "1.0.0");
        overlay.putArray("actions").addObject().put("target", steps).put("remove", true);
        assertThatThrownBy(() -> OverlayApplier.apply(yaml(DOC), overlay, "o.yaml"))
                .isInstanceOfSatisfying(OcliException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_overlay");
                    assertThat(e.detail()).contains("$.actions[0].target").doesNotContain(".a.a.a");
                });
    }

    @Test
    void anInvalidJsonPathIsNamedByItsPlaceNotQuoted() throws Exception {
        var overlay = Json.MAPPER.createObjectNode().put("overlay", "1.0.0");
        overlay.putArray("actions").addObject().put("target", "$[?(@.CANARY-7f3a ==").put("remove", true);
        assertThatThrownBy(() -> OverlayApplier.apply(yaml(DOC), overlay, "o.yaml"))
                .isInstanceOfSatisfying(OcliException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_overlay");
                    assertThat(e.detail()).contains("$.actions[0].target").doesNotContain("CANARY");
                });
    }
}
