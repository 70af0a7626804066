package org.opencli.cli.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;

/**
 * Finds one tool of the selected view by what a person types: its id ({@code helpdesk:listTickets})
 * or its command words ({@code helpdesk tickets list-tickets}: service alias or id, group, command
 * or one of its aliases). A word that names nothing is exit 3 naming the word and the choices at
 * that level; too few words is exit 2 naming what is missing.
 */
public final class ToolLookup {
    private final CatalogView catalog;

    public ToolLookup(CatalogView catalog) {
        this.catalog = catalog;
    }

    public JsonNode find(List<String> words) {
        if (words.isEmpty() || words.size() > 3) {
            throw new CliException(ExitCodes.USAGE, "bad_tool_words", "Bad tool name",
                    "expected a tool id or SERVICE GROUP COMMAND, got " + words.size() + " words");
        }
        String first = words.get(0);
        // a tool id has a colon; a service alias or id has none (service ids are slugs)
        if (words.size() == 1 && first.contains(":")) return catalog.tool(first);
        String service = service(first, words.size() == 1);
        Predicate<JsonNode> inService = t -> catalog.alias(t).equals(service);
        if (words.size() == 1) {
            throw incomplete("'" + first + "' is a service; name a group and a command too (groups: "
                    + choices(inService, t -> t.path("group").asText()) + ")");
        }
        String group = words.get(1);
        Predicate<JsonNode> inGroup = inService.and(t -> group.equals(t.path("group").asText()));
        if (catalog.tools().stream().noneMatch(inGroup)) {
            throw unknown("no group '" + group + "' in " + service + "; groups: " + choices(inService, t -> t.path("group").asText()));
        }
        if (words.size() == 2) {
            throw incomplete("name a command of " + service + " " + group + " too (commands: "
                    + choices(inGroup, t -> t.path("command").asText()) + ")");
        }
        String command = words.get(2);
        List<JsonNode> found = catalog.tools().stream().filter(inGroup.and(t -> answersTo(t, command))).toList();
        if (found.isEmpty()) {
            throw unknown("no command '" + command + "' in " + service + " " + group + "; commands: "
                    + choices(inGroup, t -> t.path("command").asText()));
        }
        if (found.size() > 1) {
            throw new CliException(ExitCodes.USAGE, "ambiguous_tool", "Ambiguous tool", "'" + service + " " + group + " "
                    + command + "' names " + found.size() + " tools (" + String.join(", ", found.stream()
                            .map(t -> t.path("id").asText()).toList()) + "); give the tool id instead");
        }
        return found.get(0);
    }

    /** The service alias this word names (an alias, else a service id), or exit 3. */
    private String service(String word, boolean onlyWord) {
        for (JsonNode tool : catalog.tools()) {
            if (word.equals(catalog.alias(tool))) return word;
        }
        for (JsonNode tool : catalog.tools()) {
            if (word.equals(tool.path("serviceId").asText())) return catalog.alias(tool);
        }
        String services = choices(t -> true, catalog::alias);
        throw unknown(onlyWord
                ? "no tool id or service '" + word + "' in view '" + catalog.viewName() + "'; services: " + services
                : "no service '" + word + "' in view '" + catalog.viewName() + "'; services: " + services);
    }

    private static boolean answersTo(JsonNode tool, String word) {
        if (word.equals(tool.path("command").asText())) return true;
        for (JsonNode alias : tool.path("aliases")) {
            if (word.equals(alias.asText())) return true;
        }
        return false;
    }

    /** The words of the view's listed (not hidden) tools matching {@code which}. */
    private String choices(Predicate<JsonNode> which, Function<JsonNode, String> word) {
        return Choices.of(catalog.tools().stream().filter(which).filter(t -> !CatalogView.hidden(t)).map(word));
    }

    private static CliException unknown(String detail) {
        return new CliException(ExitCodes.NOT_FOUND, "unknown_tool", "Unknown tool", detail);
    }

    private static CliException incomplete(String detail) {
        return new CliException(ExitCodes.USAGE, "incomplete_tool_words", "Incomplete tool name", detail);
    }
}
