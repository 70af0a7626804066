package org.opencli.core.catalog.refs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.catalog.TestCatalogs;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/** A $ref that cannot be followed fails with unresolved_ref naming the referring file, the pointer and the target. */
class UnresolvedRefTest {
    @TempDir
    Path dir;

    private static final String MAIN = """
            openapi: 3.0.3
            info: {title: t, version: "1"}
            paths:
              /things/{id}:
                get:
                  operationId: getThing
                  parameters:
                    - $ref: "%s"
                  responses: {"200": {description: ok}}
            """;

    private OcliException failure(String ref) {
        try {
            TestCatalogs.catalogOf(dir, "main.yaml", MAIN.formatted(ref));
        } catch (OcliException e) {
            return e;
        }
        throw new AssertionError("expected the build to fail for " + ref);
    }

    @Test
    void missingFileNamesReferrerPointerAndTarget() {
        OcliException e = failure("shared/missing.yaml#/Id");
        assertThat(e.code()).isEqualTo("unresolved_ref");
        assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
        assertThat(e.detail()).contains(dir.resolve("main.yaml").toUri().toString())
                .contains("#/paths/~1things~1{id}/get/parameters/0")
                .contains("shared/missing.yaml#/Id")
                .contains("no file at");
        assertThat(e.items()).singleElement().satisfies(i -> {
            assertThat(i.file()).isEqualTo(dir.resolve("main.yaml").toUri().toString());
            assertThat(i.path()).isEqualTo("#/paths/~1things~1{id}/get/parameters/0");
        });
    }

    @Test
    void missingPointerInAnExistingFile() throws Exception {
        Files.writeString(dir.resolve("params.yaml"), "Other: {name: id, in: path}\n");
        OcliException e = failure("params.yaml#/Id");
        assertThat(e.code()).isEqualTo("unresolved_ref");
        assertThat(e.detail()).contains("params.yaml#/Id").contains("no node at #/Id");
    }

    @Test
    void nestedRefFailureNamesTheNestedFile() throws Exception {
        Files.writeString(dir.resolve("params.yaml"), "Id: {name: id, in: path, schema: {$ref: 'gone.yaml'}}\n");
        OcliException e = failure("params.yaml#/Id");
        assertThat(e.code()).isEqualTo("unresolved_ref");
        assertThat(e.items().get(0).file()).isEqualTo(dir.resolve("params.yaml").toUri().toString());
        assertThat(e.items().get(0).path()).isEqualTo("#/Id/schema");
    }

    @Test
    void pureRefLoopAcrossTwoFiles() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "$ref: b.yaml\n");
        Files.writeString(dir.resolve("b.yaml"), "$ref: a.yaml\n");
        OcliException e = failure("a.yaml");
        assertThat(e.code()).isEqualTo("unresolved_ref");
        assertThat(e.detail()).contains("circular");
    }

    @Test
    void missingLocalRefThatTheIndexerFollows() {
        OcliException e = failure("#/components/parameters/Nope");
        assertThat(e.code()).isEqualTo("unresolved_ref");
        assertThat(e.detail()).contains("#/components/parameters/Nope").contains("no such node");
    }
}
