package org.opencli.core.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencli.core.catalog.views.ToolPattern;
import org.opencli.core.config.CliConfig;
import org.opencli.core.config.ToolSetConfig;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/**
 * Fails closed on policy and tool-set patterns written for tools that {@code disabledTools} removed:
 * a pattern that matches no tool of the catalog but a disabled tool's id would silently govern
 * nothing, so it is a build error naming the pattern and the mcp source.
 */
final class DisabledToolPatterns {
    private DisabledToolPatterns() {
    }

    /** @param disabledIds the ids disabled tools would have had → their mcp source */
    static void check(CliConfig cfg, List<Tool> tools, Map<String, String> disabledIds) {
        if (disabledIds.isEmpty()) return;
        for (String[] pattern : patterns(cfg)) {
            ToolPattern compiled = ToolPattern.compile(pattern[1]);
            if (tools.stream().anyMatch(t -> compiled.matches(t.id()))) continue;
            for (Map.Entry<String, String> disabled : disabledIds.entrySet()) {
                if (compiled.matches(disabled.getKey())) {
                    throw new OcliException(ErrorKind.CONFIG, "disabled_tool_referenced", "Disabled MCP tool referenced",
                            pattern[0] + " '" + pattern[1] + "' matches only tools that sources." + disabled.getValue()
                                    + ".disabledTools removes (" + disabled.getKey() + ")");
                }
            }
        }
    }

    /** {where, pattern} of policy.deny, policy.approvalRequired and each tool set's allow and deny. */
    private static List<String[]> patterns(CliConfig cfg) {
        List<String[]> out = new ArrayList<>();
        if (cfg.policy() != null) {
            add(out, "policy.deny", cfg.policy().deny());
            add(out, "policy.approvalRequired", cfg.policy().approvalRequired());
        }
        if (cfg.curation() != null && cfg.curation().toolSets() != null) {
            for (Map.Entry<String, ToolSetConfig> set : cfg.curation().toolSets().entrySet()) {
                if (set.getValue() == null) continue;
                add(out, "curation.toolSets." + set.getKey() + ".allow", set.getValue().allow());
                add(out, "curation.toolSets." + set.getKey() + ".deny", set.getValue().deny());
            }
        }
        return out;
    }

    private static void add(List<String[]> out, String where, List<String> patterns) {
        if (patterns != null) patterns.forEach(p -> out.add(new String[] {where, p}));
    }
}
