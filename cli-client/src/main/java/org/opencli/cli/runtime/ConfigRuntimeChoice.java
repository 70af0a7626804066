package org.opencli.cli.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencli.core.json.Json;

/**
 * The config's {@code runtime.mode} and {@code runtime.remote.url}, read straight from the project
 * file and its {@code .cli.local.json} (local wins) with Jackson alone: choosing a runtime must not
 * cost a full config load. Validation is the runtime's job; unreadable files count as "no choice".
 */
public record ConfigRuntimeChoice(String mode, String remoteUrl) {
    public static final ConfigRuntimeChoice NONE = new ConfigRuntimeChoice(null, null);

    public static ConfigRuntimeChoice read(Path projectConfig) {
        if (projectConfig == null) return NONE;
        ConfigRuntimeChoice project = readOne(projectConfig);
        ConfigRuntimeChoice local = readOne(projectConfig.resolveSibling(".cli.local.json"));
        return new ConfigRuntimeChoice(firstNonBlank(local.mode, project.mode), firstNonBlank(local.remoteUrl, project.remoteUrl));
    }

    private static ConfigRuntimeChoice readOne(Path file) {
        if (!Files.isRegularFile(file)) return NONE;
        try {
            JsonNode runtime = Json.MAPPER.readTree(file.toFile()).path("runtime");
            return new ConfigRuntimeChoice(text(runtime.path("mode")), text(runtime.path("remote").path("url")));
        } catch (IOException e) {
            return NONE;
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static String firstNonBlank(String a, String b) {
        return a != null ? a : b;
    }
}
