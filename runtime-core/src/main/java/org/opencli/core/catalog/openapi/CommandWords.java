package org.opencli.core.catalog.openapi;

import static org.opencli.core.catalog.openapi.SecurityIndexer.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencli.core.catalog.Tool;

/**
 * The words a person types to reach a tool, {@code <service> <group> <command>} (CONTRACT.md §3):
 * each one a single shell word, so a tag {@code Org Members} becomes the group {@code org-members}.
 * Derived words are slugs (groups) or kebab case (commands); words an author chose are kept when
 * already typable (see {@link Names#word}). Tool ids never depend on these words.
 */
final class CommandWords {
    private CommandWords() {
    }

    /** {@code x-cli-group} → first tag → first literal path segment → {@code misc}; a rule giving no word falls through. */
    static String group(JsonNode op, String path) {
        String explicit = text(op, "x-cli-group");
        if (explicit != null && !Names.word(explicit).isEmpty()) return Names.word(explicit);
        JsonNode tags = op.get("tags");
        if (tags != null && tags.isArray() && !tags.isEmpty() && !Names.slug(tags.get(0).asText()).isEmpty()) {
            return Names.slug(tags.get(0).asText());
        }
        String segment = OpenApiIndexer.firstLiteralSegment(path);
        return segment != null && !Names.slug(segment).isEmpty() ? Names.slug(segment) : "misc";
    }

    /** {@code x-cli-name} → kebab-cased operationId → a verb from the method (and whether the path has a parameter). */
    static String command(JsonNode op, String operationId, String method, String path) {
        String explicit = text(op, "x-cli-name");
        if (explicit != null && !Names.word(explicit).isEmpty()) return Names.word(explicit);
        if (operationId != null && !Names.kebab(operationId).isEmpty()) return Names.kebab(operationId);
        return switch (method) {
            case "get" -> path.contains("{") ? "get" : "list";
            case "post" -> "create";
            case "put" -> "update";
            case "patch" -> "patch";
            default -> "delete";
        };
    }

    /** {@code x-cli-aliases} as typable words, without empties and repeats. */
    static List<String> aliases(JsonNode op) {
        Set<String> out = new LinkedHashSet<>();
        for (String alias : SecurityIndexer.texts(op.get("x-cli-aliases"))) {
            String word = Names.word(alias);
            if (!word.isEmpty()) out.add(word);
        }
        return List.copyOf(out);
    }

    /**
     * Adds the short alias of each command that repeats its group ({@code repos-get} in group
     * {@code repos} also answers to {@code get}), for one service's tools. An alias that another
     * command or alias of the same group already uses, or that two commands would both get, is not
     * added: the result depends only on the tools, never on their order.
     */
    static List<Tool> withGroupPrefixAliases(List<Tool> tools) {
        Map<String, Set<String>> taken = new HashMap<>();
        Map<String, Map<String, Integer>> candidates = new HashMap<>();
        for (Tool t : tools) {
            Set<String> words = taken.computeIfAbsent(t.group(), g -> new HashSet<>());
            words.add(t.command());
            words.addAll(t.aliases());
            String candidate = prefixAlias(t);
            if (candidate != null) candidates.computeIfAbsent(t.group(), g -> new HashMap<>()).merge(candidate, 1, Integer::sum);
        }
        List<Tool> out = new ArrayList<>(tools.size());
        for (Tool t : tools) {
            String candidate = prefixAlias(t);
            boolean free = candidate != null && !taken.get(t.group()).contains(candidate)
                    && candidates.get(t.group()).get(candidate) == 1;
            if (!free) {
                out.add(t);
                continue;
            }
            List<String> aliases = new ArrayList<>(t.aliases());
            aliases.add(candidate);
            out.add(t.withAliases(List.copyOf(aliases)));
        }
        return out;
    }

    /** The command without its {@code <group>-} prefix, or null when it does not start with one. */
    private static String prefixAlias(Tool t) {
        String prefix = t.group() + "-";
        String command = t.command();
        if (!command.startsWith(prefix) || command.length() == prefix.length()) return null;
        String rest = command.substring(prefix.length());
        return Names.word(rest).equals(rest) ? rest : null;
    }
}
