package org.opencli.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencli.core.error.OcliException;

class SkillsAndWorkflowsTest {
    @TempDir
    Path dir;

    private static final String API = """
            openapi: 3.0.0
            info: {title: notes, version: "1"}
            paths:
              /notes:
                get: {operationId: listNotes, responses: {"200": {description: ok}}}
                post: {operationId: purgeNotes, x-cli-ignore: true, responses: {"200": {description: ok}}}
            """;

    private CatalogBuild buildWith(String workflowYaml, String... skills) throws Exception {
        Files.writeString(dir.resolve("notes.yaml"), API);
        Files.writeString(dir.resolve("wf.yaml"), workflowYaml);
        StringBuilder skillRefs = new StringBuilder();
        for (int i = 0; i < skills.length; i++) {
            Files.writeString(dir.resolve("s" + i + ".yaml"), skills[i]);
            skillRefs.append(i == 0 ? "" : ",").append("\"s").append(i).append(".yaml\"");
        }
        return TestCatalogs.build(TestCatalogs.config(dir, """
                {"cli":"1","mode":{"default":"discover"},
                 "sources":{"n":{"type":"openapi","uri":"notes.yaml"}},
                 "services":{"notes":{"source":"n","workflows":["wf.yaml"],"skills":[%s]}}}""".formatted(skillRefs)),
                dir.resolve("cache"));
    }

    private static String workflow(String step) {
        return """
                arazzo: 1.0.0
                info: {title: w, version: "1"}
                workflows:
                  - workflowId: tidy
                    steps:
                """ + "      - " + step + "\n";
    }

    @Test
    void stepBoundToNothingFailsNamingWorkflowStepAndFile() {
        assertThatThrownBy(() -> buildWith(workflow("{stepId: s1, operationId: deleteEverything}")))
                .isInstanceOfSatisfying(OcliException.class, e -> {
                    assertThat(e.code()).isEqualTo("workflow_step_unbound");
                    assertThat(e.getMessage()).contains("wf.yaml", "workflow tidy", "step s1", "deleteEverything");
                });
        assertThatThrownBy(() -> buildWith(workflow("{stepId: s2, operationPath: \"DELETE /notes\"}")))
                .isInstanceOfSatisfying(OcliException.class, e -> assertThat(e.getMessage()).contains("step s2", "DELETE /notes"));
    }

    @Test
    void stepBoundToIgnoredOperationFails() {
        assertThatThrownBy(() -> buildWith(workflow("{stepId: s3, operationId: purgeNotes}")))
                .isInstanceOfSatisfying(OcliException.class, e -> {
                    assertThat(e.code()).isEqualTo("workflow_step_ignored");
                    assertThat(e.getMessage()).contains("workflow tidy", "step s3", "x-cli-ignore");
                });
        assertThatThrownBy(() -> buildWith(workflow("{stepId: s4, operationPath: \"POST /notes\"}")))
                .isInstanceOfSatisfying(OcliException.class, e -> assertThat(e.code()).isEqualTo("workflow_step_ignored"));
    }

    @Test
    void qualifiedOperationIdBinds() throws Exception {
        CatalogBuild b = buildWith(workflow("{stepId: s, operationId: $sourceDescriptions.notes.listNotes}"));
        assertThat(b.catalog().workflows().get(0).steps().get(0).toolId()).isEqualTo("notes:listNotes");
    }

    @Test
    void laterSkillManifestOverwritesPerToolAndBareOperationIdsAreQualified() throws Exception {
        CatalogBuild b = buildWith(workflow("{stepId: s, operationId: listNotes}"), """
                oasCliSkill: "1"
                serviceId: notes
                toolGuidance:
                  listNotes: {whenToUse: [first], examples: [{goal: g, command: "ocli notes notes list-notes"}]}
                """, """
                oasCliSkill: "1"
                serviceId: notes
                toolGuidance:
                  notes:listNotes: {avoidWhen: [second]}
                """);
        Guidance g = b.catalog().tool("notes:listNotes").orElseThrow().guidance();
        assertThat(g).isEqualTo(new Guidance(java.util.List.of(), java.util.List.of("second"), java.util.List.of()));
    }

    @Test
    void skillManifestWithoutMarkerIsRefused() {
        assertThatThrownBy(() -> buildWith(workflow("{stepId: s, operationId: listNotes}"), "toolGuidance: {}"))
                .isInstanceOfSatisfying(OcliException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_skill_manifest");
                    assertThat(e.getMessage()).contains("s0.yaml");
                });
    }
}
