package org.opencli.fleet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compose file as compose reads it when none of its variables is set: {@code ${VAR:-default}}
 * and {@code ${VAR-default}} become the default, {@code ${VAR}} and {@code ${VAR:?message}} become
 * empty, {@code $$} a literal {@code $}. The shipped defaults are what a user who sets nothing runs.
 */
final class ComposeFile {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*)|(:?\\?)([^}]*))?}");

    private ComposeFile() {
    }

    static JsonNode withDefaults(Path file) {
        try {
            return DeployTree.YAML.readTree(interpolate(Files.readString(file)));
        } catch (IOException e) {
            throw new AssertionError(file + " is not valid YAML once interpolated: " + e.getMessage(), e);
        }
    }

    static String interpolate(String text) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group().equals("$$") ? "$" : m.group(2) != null ? m.group(3) : "";
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
