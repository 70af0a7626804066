package org.opencli.fleet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.opencli.core.config.ConfigException;
import org.opencli.core.config.ConfigLoader;
import org.opencli.core.config.ConfigScopes;
import org.opencli.core.config.LoadedConfig;
import org.opencli.core.error.ProblemItem;
import org.opencli.core.json.Json;

/**
 * Validates a {@code .cli.json} shipped under deploy/ the way {@code ocli config validate} does:
 * {@link ConfigLoader#load} with every stage (lenient per file, merge, strict schema, cross-field
 * rules). The managed and user scopes point at files that do not exist, so what this machine has
 * in /etc/oas-cli or ~/.config cannot change the verdict.
 */
final class ShippedConfig {

    private ShippedConfig() {
    }

    /**
     * The top-level {@code audit} block is being added to cli.schema.json on a parallel branch.
     * Until that lands the loader reports exactly one problem for it, "unknown key 'audit'" at
     * {@code $.audit}; that single problem is tolerated and nothing else. Once the schema knows the
     * block this never matches, and the block is validated like the rest of the file.
     */
    static boolean isPendingAuditSchema(ProblemItem problem) {
        return "$.audit".equals(problem.path()) && problem.message().equals("unknown key 'audit'");
    }

    /** Loads {@code json} as {@code dir/.cli.json}; fails with every problem the loader reports. */
    static LoadedConfig validate(String json, Path dir, String where) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(".cli.json");
            Files.writeString(file, json);
            return validate(file, dir, where);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the config file in place (relative refs resolve beside it, as in the container). */
    static LoadedConfig validate(Path file, Path scratch, String where) {
        ConfigLoader loader = new ConfigLoader(new ConfigScopes(
                scratch.resolve("absent-managed/.cli.json"), scratch.resolve("absent-user/.cli.json")));
        try {
            return loader.load(file);
        } catch (ConfigException e) {
            List<ProblemItem> real = e.items().stream().filter(p -> !isPendingAuditSchema(p)).toList();
            if (!real.isEmpty() || e.items().isEmpty()) {
                throw new AssertionError(where + ": the runtime would refuse this config:\n  " + describe(e), e);
            }
            return withoutAudit(file, scratch, where);
        }
    }

    private static LoadedConfig withoutAudit(Path file, Path scratch, String where) {
        try {
            JsonNode root = Json.MAPPER.readTree(file.toFile());
            ((ObjectNode) root).remove("audit");
            Path copyDir = Files.createTempDirectory(scratch, "without-audit");
            Path copy = copyDir.resolve(".cli.json");
            Files.writeString(copy, Json.MAPPER.writeValueAsString(root));
            return new ConfigLoader(new ConfigScopes(scratch.resolve("absent-managed/.cli.json"),
                    scratch.resolve("absent-user/.cli.json"))).load(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(where + ": cannot re-read " + file, e);
        } catch (ConfigException e) {
            throw new AssertionError(where + ": the runtime would refuse this config:\n  " + describe(e), e);
        }
    }

    private static String describe(ConfigException e) {
        if (e.items().isEmpty()) return e.getMessage();
        return e.items().stream().map(ProblemItem::describe).collect(Collectors.joining("\n  "));
    }
}
