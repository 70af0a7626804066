package org.opencli.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencli.core.catalog.views.ToolPattern;
import org.opencli.core.catalog.views.ViewBuilder;
import org.opencli.core.config.AgentProfileConfig;
import org.opencli.core.config.AgentsConfig;
import org.opencli.core.config.CliConfig;
import org.opencli.core.config.CurationConfig;
import org.opencli.core.config.ModeConfig;
import org.opencli.core.config.ToolSetConfig;
import org.opencli.core.error.OcliException;

class ViewsTest {
    private static Tool tool(String id) {
        return new Tool(id, id.substring(0, id.indexOf(':')), null, "GET", "/", "g", "c", List.of(), null, null,
                false, List.of(), List.of(), null, List.of(), new Safety(false, true, false, true), null, null, null,
                null, List.of(), null);
    }

    private static final List<Tool> TOOLS = List.of(tool("a:listThings"), tool("a:getThing"), tool("a:get:/x/{y}"),
            tool("b:listThings"), tool("b:deleteAll"));

    private static CliConfig config(String defaultMode, String defaultProfile, Map<String, AgentProfileConfig> profiles,
                                    Map<String, ToolSetConfig> sets) {
        return new CliConfig("1", new ModeConfig(defaultMode), null, Map.of(), null, Map.of(),
                new CurationConfig(sets), new AgentsConfig(profiles, defaultProfile), null, null, null);
    }

    @Test
    void patterns() {
        assertThat(ToolPattern.compile("a:*").matches("a:listThings")).isTrue();
        assertThat(ToolPattern.compile("a:*").matches("a:get:/x/{y}")).isFalse();
        assertThat(ToolPattern.compile("*:listThings").matches("b:listThings")).isTrue();
        assertThat(ToolPattern.compile("a:get?hing").matches("a:getThing")).isTrue();
        assertThat(ToolPattern.compile("a:get?hing").matches("a:get:hing")).isFalse();
        assertThat(ToolPattern.compile("**").matches("a:get:/x/{y}")).isTrue();
        assertThat(ToolPattern.compile("a:**").matches("a:get:/x/{y}")).isTrue();
        assertThat(ToolPattern.compile("a.b:c").matches("aXb:c")).isFalse();
    }

    private static List<String> view(Map<String, ToolSetConfig> sets) {
        CliConfig cfg = config("curated", null, Map.of("p", new AgentProfileConfig("curated", "s")), sets);
        return ViewBuilder.build(TOOLS, cfg).get(1).tools().stream().map(Tool::id).toList();
    }

    @Test
    void toolSetRules() {
        assertThat(view(Map.of("s", new ToolSetConfig(List.of("a:list*", "b:listThings"), List.of("**")))))
                .containsExactly("a:listThings", "b:listThings");
        assertThat(view(Map.of("s", new ToolSetConfig(List.of(), List.of("b:*")))))
                .containsExactly("a:listThings", "a:getThing", "a:get:/x/{y}");
        assertThat(view(Map.of("s", new ToolSetConfig(null, List.of("**")))))
                .isEmpty();
        // '*' stops at ':', so a:get* does not reach the method:path tool
        assertThat(view(Map.of("s", new ToolSetConfig(List.of("a:**"), List.of("a:get*")))))
                .containsExactly("a:listThings", "a:get:/x/{y}");
    }

    @Test
    void unknownToolSetIsAConfigError() {
        CliConfig cfg = config("curated", null, Map.of("p", new AgentProfileConfig(null, "missing")), Map.of());
        assertThatThrownBy(() -> ViewBuilder.build(TOOLS, cfg))
                .isInstanceOfSatisfying(OcliException.class, e -> assertThat(e.code()).isEqualTo("unknown_tool_set"));
    }

    private static Catalog catalog(CliConfig cfg) {
        return new Catalog("1.0.0", "t", "f", List.of(), List.of(), TOOLS, List.of(), ViewBuilder.build(TOOLS, cfg));
    }

    @Test
    void selection() {
        Map<String, AgentProfileConfig> profiles = new java.util.LinkedHashMap<>();
        profiles.put("ro", new AgentProfileConfig("curated", "ro"));
        profiles.put("explorer", new AgentProfileConfig("discover", null));
        Map<String, ToolSetConfig> sets = Map.of("ro", new ToolSetConfig(List.of("*:list*"), List.of("**")));
        CliConfig curatedDefault = config("curated", "ro", profiles, sets);
        Catalog c = catalog(curatedDefault);
        assertThat(ViewSelector.select(c, curatedDefault, null, null).name()).isEqualTo("ro");
        assertThat(ViewSelector.select(c, curatedDefault, "discover", null).name()).isEqualTo("discover");
        assertThat(ViewSelector.select(c, curatedDefault, "discover", "ro").name()).isEqualTo("ro");
        assertThat(ViewSelector.select(c, curatedDefault, "curated", "explorer").mode()).isEqualTo("discover");

        CliConfig discoverDefault = config("discover", "ro", profiles, sets);
        assertThat(ViewSelector.select(c, discoverDefault, null, null).name()).isEqualTo("discover");
        assertThat(ViewSelector.select(c, discoverDefault, "curated", null).name()).isEqualTo("ro");

        CliConfig noDefaultProfile = config("curated", null, profiles, sets);
        assertThat(ViewSelector.select(c, noDefaultProfile, null, null).name()).isEqualTo("discover");

        CliConfig bare = new CliConfig("1", null, null, null, null, null, null, null, null, null, null);
        Catalog plain = new Catalog("1.0.0", "t", "f", List.of(), List.of(), TOOLS, List.of(), ViewBuilder.build(TOOLS, bare));
        assertThat(ViewSelector.select(plain, bare, null, null).tools()).hasSize(5);
    }

    @Test
    void selectionErrors() {
        CliConfig cfg = config("discover", null, Map.of(), Map.of());
        Catalog c = catalog(cfg);
        assertThatThrownBy(() -> ViewSelector.select(c, cfg, null, "ghost"))
                .isInstanceOfSatisfying(OcliException.class, e -> {
                    assertThat(e.code()).isEqualTo("unknown_profile");
                    assertThat(e.kind()).isEqualTo(org.opencli.core.error.ErrorKind.BAD_REQUEST);
                });
        assertThatThrownBy(() -> ViewSelector.select(c, cfg, "everything", null))
                .isInstanceOfSatisfying(OcliException.class, e -> assertThat(e.code()).isEqualTo("invalid_mode"));
    }
}
