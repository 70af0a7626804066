package org.opencli.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencli.core.catalog.openapi.IgnoredOperation;
import org.opencli.core.catalog.overlay.OverlayApplier;
import org.opencli.core.config.SourceConfig;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/**
 * One mcp source's synthetic document while a catalog is built: {@code disabledTools} are removed
 * before anything else sees them, and fail closed — an overlay action whose target selects only
 * disabled tools is a build error naming the source, as is a tool whose {@code x-mcp-tool} (an
 * overlay may edit it) names a tool the server does not offer enabled. Workflow steps see disabled
 * tools as ignored operations; policy patterns are checked by {@link DisabledToolPatterns}.
 */
final class McpSourceTools {
    private static final String TOOL_EXTENSION = Backend.MCP_TOOL_EXTENSION;

    private final String sourceId;
    private final Set<String> disabled;
    private final JsonNode all;
    private final Set<String> offered = new LinkedHashSet<>();

    /** Removes the disabled tools from {@code tree} in place; a copy with them is kept for the checks. */
    McpSourceTools(String sourceId, SourceConfig source, JsonNode tree) {
        this.sourceId = sourceId;
        this.disabled = source.disabledTools() == null ? Set.of() : new LinkedHashSet<>(source.disabledTools());
        this.all = tree.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.path("paths").fields(); it.hasNext();) {
            JsonNode op = it.next().getValue().path("post");
            String name = op.path(TOOL_EXTENSION).asText("");
            if (disabled.contains(name)) it.remove();
            else offered.add(name);
        }
    }

    static boolean isMcp(SourceConfig source) {
        return "mcp".equals(source.type());
    }

    /** Checks one overlay before it is applied to {@code tree}, then keeps the full copy in step. */
    void checkOverlay(JsonNode tree, JsonNode overlay, String location) {
        List<Integer> enabled = OverlayApplier.targetCounts(tree, overlay, location);
        List<Integer> withDisabled = OverlayApplier.targetCounts(all, overlay, location);
        for (int i = 0; i < enabled.size(); i++) {
            if (enabled.get(i) == 0 && withDisabled.get(i) > 0) {
                throw new OcliException(ErrorKind.CONFIG, "disabled_tool_referenced", "Disabled MCP tool referenced",
                        location + ": $.actions[" + i + "].target selects only tools that sources." + sourceId
                                + ".disabledTools removes");
            }
        }
        OverlayApplier.apply(all, overlay, location);
    }

    /** The tools with an mcp backend; each must call a tool the server offers and the config leaves enabled. */
    List<Tool> bind(List<Tool> tools, JsonNode tree, String transport) {
        List<Tool> out = new ArrayList<>(tools.size());
        for (Tool t : tools) {
            JsonNode op = tree.path("paths").path(t.path()).path(t.method().toLowerCase(java.util.Locale.ROOT));
            String name = op.path(TOOL_EXTENSION).asText("");
            if (!offered.contains(name)) {
                throw new OcliException(ErrorKind.CONFIG, "disabled_tool_referenced", "MCP tool not offered",
                        "tool " + t.id() + " of sources." + sourceId + " calls '" + name + "', which the server does not offer"
                                + (disabled.contains(name) ? " enabled (disabledTools)" : ""));
            }
            out.add(t.withBackend(new Backend("mcp", sourceId, name, transport)));
        }
        return out;
    }

    /** Disabled tools as ignored operations of {@code serviceId}, so a workflow step naming one fails the build. */
    List<IgnoredOperation> ignored(String serviceId) {
        List<IgnoredOperation> out = new ArrayList<>();
        for (String name : disabled)
            out.add(new IgnoredOperation(serviceId, name, "POST", "/tools/" + name,
                    "is a tool that sources." + sourceId + ".disabledTools removes"));
        return out;
    }

    /** The ids the disabled tools would have had, for the policy check. */
    void disabledIds(String serviceId, Map<String, String> into) {
        for (String name : disabled) into.put(serviceId + ":" + name, sourceId);
    }
}
