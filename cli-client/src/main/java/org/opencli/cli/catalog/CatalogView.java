package org.opencli.cli.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;

/**
 * Read-only access to a {@code {catalog, view}} answer as plain JSON, so the client needs no engine
 * classes: the selected view's tools, their service aliases and their command paths.
 */
public final class CatalogView {
    private final JsonNode response;
    private final boolean whole;
    private final Map<String, String> aliasByService = new HashMap<>();

    public CatalogView(JsonNode response) {
        this(response, true);
    }

    /** {@code whole}: false when the answer was read for commands only ({@link CatalogAnswerReader}). */
    public CatalogView(JsonNode response, boolean whole) {
        this.response = response;
        this.whole = whole;
        for (JsonNode service : response.path("catalog").path("services")) {
            String id = service.path("id").asText();
            String alias = service.path("alias").asText("");
            aliasByService.put(id, alias.isBlank() ? id : alias);
        }
    }

    /** False when parts commands never read were left out of {@link #response()}. */
    public boolean whole() {
        return whole;
    }

    public JsonNode response() {
        return response;
    }

    public String viewName() {
        return response.path("view").path("name").asText("");
    }

    /** Every tool of the selected view, hidden ones included. */
    public List<JsonNode> tools() {
        List<JsonNode> tools = new ArrayList<>();
        response.path("view").path("tools").forEach(tools::add);
        return tools;
    }

    public Optional<JsonNode> service(String serviceId) {
        for (JsonNode service : response.path("catalog").path("services")) {
            if (serviceId.equals(service.path("id").asText())) return Optional.of(service);
        }
        return Optional.empty();
    }

    /** The command alias of a tool's service (the service id when it has none). */
    public String alias(JsonNode tool) {
        String serviceId = tool.path("serviceId").asText();
        return aliasByService.getOrDefault(serviceId, serviceId);
    }

    /** {@code <alias> <group> <command>}. */
    public String commandPath(JsonNode tool) {
        return alias(tool) + " " + tool.path("group").asText("misc") + " " + tool.path("command").asText();
    }

    public static boolean hidden(JsonNode tool) {
        return tool.path("hidden").asBoolean(false);
    }

    /** The tool with this id in the selected view, or exit 3. */
    public JsonNode tool(String toolId) {
        for (JsonNode tool : tools()) {
            if (toolId.equals(tool.path("id").asText())) return tool;
        }
        throw new CliException(ExitCodes.NOT_FOUND, "unknown_tool", "Unknown tool",
                "no tool '" + toolId + "' in view '" + viewName() + "'");
    }
}
