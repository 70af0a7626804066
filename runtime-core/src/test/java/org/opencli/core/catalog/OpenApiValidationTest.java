package org.opencli.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.error.ProblemItem;

/** Structural problems fail with invalid_openapi and a located item (file, $.path, what, expected). */
class OpenApiValidationTest {
    @TempDir
    Path dir;

    private static final String HEAD = "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\n";

    private OcliException failure(String yaml) {
        try {
            TestCatalogs.catalogOf(dir, "api.yaml", yaml);
        } catch (OcliException e) {
            assertThat(e.code()).isEqualTo("invalid_openapi");
            assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
            assertThat(e.items()).allSatisfy(i -> assertThat(i.file()).endsWith("/api.yaml"));
            return e;
        }
        throw new AssertionError("expected invalid_openapi");
    }

    private ProblemItem only(String yaml) {
        OcliException e = failure(yaml);
        assertThat(e.items()).hasSize(1);
        assertThat(e.detail()).contains(e.items().get(0).path()).contains(e.items().get(0).message());
        return e.items().get(0);
    }

    @Test
    void documentNotAnObject() {
        ProblemItem p = only("- just\n- a list\n");
        assertThat(p.path()).isEqualTo("$");
        assertThat(p.message()).isEqualTo("document is not an object");
    }

    @Test
    void missingOpenapiField() {
        ProblemItem p = only("info: {title: t}\npaths: {}\n");
        assertThat(p.path()).isEqualTo("$.openapi");
        assertThat(p.message()).isEqualTo("\"openapi\" missing");
        assertThat(p.expected()).contains("3.0.x");
    }

    @Test
    void swagger2VersionRefused() {
        ProblemItem p = only("openapi: \"2.0\"\npaths: {}\n");
        assertThat(p.message()).isEqualTo("\"openapi\" is \"2.0\"");
    }

    @Test
    void pathsNotAnObject() {
        ProblemItem p = only(HEAD + "paths: [a, b]\n");
        assertThat(p.path()).isEqualTo("$.paths");
        assertThat(p.message()).isEqualTo("\"paths\" is an array");
    }

    @Test
    void operationNotAnObject() {
        ProblemItem p = only(HEAD + "paths:\n  /x:\n    get: nope\n");
        assertThat(p.path()).isEqualTo("$.paths['/x'].get");
        assertThat(p.message()).startsWith("operation is a string");
        assertThat(p.expected()).isEqualTo("an Operation object");
    }

    @Test
    void parameterWithoutName() {
        ProblemItem p = only(HEAD + "paths:\n  /x:\n    get:\n      parameters: [{in: query}]\n");
        assertThat(p.path()).isEqualTo("$.paths['/x'].get.parameters[0]");
        assertThat(p.message()).isEqualTo("parameter has no \"name\"");
    }

    @Test
    void parameterWithoutIn() {
        ProblemItem p = only(HEAD + "paths:\n  /x:\n    parameters: [{name: q}]\n    get: {}\n");
        assertThat(p.path()).isEqualTo("$.paths['/x'].parameters[0]");
        assertThat(p.message()).isEqualTo("parameter has no \"in\"");
    }

    @Test
    void parameterWithInvalidIn() {
        ProblemItem p = only(HEAD + "paths:\n  /x:\n    post:\n      parameters: [{name: b, in: body}]\n");
        assertThat(p.path()).isEqualTo("$.paths['/x'].post.parameters[0]");
        assertThat(p.message()).isEqualTo("parameter \"in\" is \"body\"");
        assertThat(p.expected()).isEqualTo("one of path, query, header, cookie");
    }

    @Test
    void pathParameterNotInTemplate() {
        ProblemItem p = only(HEAD + "paths:\n  /x/{id}:\n    get:\n      parameters:\n"
                + "        - {name: id, in: path, required: true}\n        - {name: ticket_id, in: path, required: true}\n");
        assertThat(p.path()).isEqualTo("$.paths['/x/{id}'].get.parameters[1]");
        assertThat(p.message()).contains("\"ticket_id\" does not occur in the path template");
        assertThat(p.expected()).isEqualTo("one of [id]");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        OcliException e = failure(HEAD + "paths:\n  /a:\n    get: 1\n  /b:\n    put:\n      parameters: [{name: x, in: nowhere}]\n");
        assertThat(e.items()).extracting(ProblemItem::path)
                .containsExactly("$.paths['/a'].get", "$.paths['/b'].put.parameters[0]");
        assertThat(e.detail()).contains("(and 1 more)");
    }

    @Test
    void templateVariableWithoutDeclarationIsTolerated() {
        Catalog c = TestCatalogs.catalogOf(dir, "ok.yaml", HEAD + "paths:\n  /x/{id}:\n    get: {operationId: g}\n");
        assertThat(c.tools().get(0).pathParams()).extracting(ToolParameter::originalName).containsExactly("id");
    }

    @Test
    void documentWithoutPathsHasNoTools() {
        Catalog c = TestCatalogs.catalogOf(dir, "hooks.yaml", "openapi: 3.1.0\ninfo: {title: hooks, version: \"1\"}\nwebhooks: {}\n");
        assertThat(c.tools()).isEmpty();
    }
}
