package org.opencli.cli.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;

/**
 * The {@code --service}, {@code --group} and {@code --safety} filters of {@code catalog list} and
 * {@code search}. A service or group that the view does not have is exit 3 naming the choices, so a
 * typo is not mistaken for "no tools".
 */
public final class ToolFilter {
    /** The {@code --safety} classes, by the word typed and the {@code safety} field they test. */
    public enum SafetyClass {
        READ_ONLY("read-only", "readOnly"),
        DESTRUCTIVE("destructive", "destructive"),
        REQUIRES_APPROVAL("requires-approval", "requiresApproval");

        private final String word;
        private final String field;

        SafetyClass(String word, String field) {
            this.word = word;
            this.field = field;
        }

        /** The word users type for this class ({@code read-only}). */
        public String word() {
            return word;
        }

        /** The class this word names; null for none; an unknown word is exit 2 naming the allowed ones. */
        public static SafetyClass of(String word) {
            if (word == null) return null;
            for (SafetyClass c : values()) {
                if (c.word.equals(word)) return c;
            }
            throw new CliException(ExitCodes.USAGE, "bad_option_value", "Invalid option value",
                    "--safety is '" + word + "'; expected one of " + String.join(", ", Arrays.stream(values()).map(c -> c.word).toList()));
        }

        boolean test(JsonNode tool) {
            return tool.path("safety").path(field).asBoolean(false);
        }
    }

    private final String service;
    private final String group;
    private final SafetyClass safety;

    /** @param service a service alias or id, or null; @param group a group, or null; @param safety a class, or null */
    public ToolFilter(String service, String group, SafetyClass safety) {
        this.service = service;
        this.group = group;
        this.safety = safety;
    }

    public boolean isEmpty() {
        return service == null && group == null && safety == null;
    }

    /** The view's tools (hidden ones included) passing every filter given. */
    public List<JsonNode> select(CatalogView catalog) {
        Predicate<JsonNode> inService = t -> service == null || service.equals(catalog.alias(t))
                || service.equals(t.path("serviceId").asText());
        if (service != null && !knownService(catalog)) {
            throw unknown("service", "no service '" + service + "'; services: " + Choices.of(services(catalog).stream()
                    .map(s -> s.path("alias").asText(s.path("id").asText()))));
        }
        Predicate<JsonNode> inGroup = inService.and(t -> group == null || group.equals(t.path("group").asText()));
        if (group != null && catalog.tools().stream().noneMatch(inGroup)) {
            throw unknown("group", "no group '" + group + "' in " + (service != null ? service : "view '" + catalog.viewName() + "'")
                    + "; groups: " + Choices.of(catalog.tools().stream().filter(inService).map(t -> t.path("group").asText())));
        }
        return catalog.tools().stream().filter(inGroup.and(t -> safety == null || safety.test(t))).toList();
    }

    /** A service of the catalog, even when the view has none of its tools (then the list is empty, not an error). */
    private boolean knownService(CatalogView catalog) {
        return services(catalog).stream().anyMatch(s -> service.equals(s.path("id").asText()) || service.equals(s.path("alias").asText()));
    }

    private static List<JsonNode> services(CatalogView catalog) {
        List<JsonNode> services = new ArrayList<>();
        catalog.response().path("catalog").path("services").forEach(services::add);
        return services;
    }

    private static CliException unknown(String what, String detail) {
        return new CliException(ExitCodes.NOT_FOUND, "unknown_" + what, "Unknown " + what, detail);
    }
}
