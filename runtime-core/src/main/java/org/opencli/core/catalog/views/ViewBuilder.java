package org.opencli.core.catalog.views;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencli.core.catalog.EffectiveView;
import org.opencli.core.catalog.Tool;
import org.opencli.core.config.AgentProfileConfig;
import org.opencli.core.config.CliConfig;
import org.opencli.core.config.ToolSetConfig;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/**
 * The catalog's views: {@code discover} with every tool (hidden ones included, they carry
 * {@code hidden: true}), then one view per agent profile, named after it, with its tool set
 * applied. A profile without a tool set sees every tool; its mode defaults to {@code curated}.
 */
public final class ViewBuilder {
    public static final String DISCOVER = "discover";
    public static final String CURATED = "curated";

    private ViewBuilder() {
    }

    public static List<EffectiveView> build(List<Tool> tools, CliConfig config) {
        List<EffectiveView> views = new ArrayList<>();
        views.add(new EffectiveView(DISCOVER, DISCOVER, tools));
        Map<String, AgentProfileConfig> profiles = config.agents() == null ? null : config.agents().profiles();
        if (profiles == null) return views;
        Map<String, ToolSetConfig> sets = config.curation() == null ? null : config.curation().toolSets();
        profiles.forEach((name, profile) -> {
            String mode = profile == null || profile.mode() == null ? CURATED : profile.mode();
            String setName = profile == null ? null : profile.toolSet();
            List<Tool> selected = tools;
            if (setName != null) {
                ToolSetConfig set = sets == null ? null : sets.get(setName);
                if (set == null) {
                    throw new OcliException(ErrorKind.CONFIG, "unknown_tool_set", "Unknown tool set",
                            "agents.profiles." + name + ".toolSet names " + setName + ", which curation.toolSets does not define");
                }
                selected = tools.stream().filter(t -> allowed(set, t.id())).toList();
            }
            views.add(new EffectiveView(name, mode, selected));
        });
        return views;
    }

    /** allow (all when empty) minus deny; {@code deny: ["**"]} with a non-empty allow means "only the allow list". */
    static boolean allowed(ToolSetConfig set, String toolId) {
        List<String> allow = set.allow() == null ? List.of() : set.allow();
        List<String> deny = set.deny() == null ? List.of() : set.deny();
        boolean inAllow = allow.isEmpty() || ToolPattern.anyMatches(allow, toolId);
        if (!allow.isEmpty() && deny.contains("**")) return inAllow;
        return inAllow && !ToolPattern.anyMatches(deny, toolId);
    }
}
