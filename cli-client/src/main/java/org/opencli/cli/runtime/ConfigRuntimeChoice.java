package org.opencli.cli.runtime;

import static org.opencli.core.text.Strings.textOrNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencli.core.json.Json;

/**
 * What the project file and its {@code .cli.local.json} (local wins, per field) choose about the
 * runtime: {@code runtime.mode}, {@code runtime.remote.url}, {@code runtime.remote.requestConfigPath},
 * and the {@code mode.default} / {@code agents.defaultProfile} a client config sends as request
 * parameters when the runtime serves its own config, and how a call attaches to a managed local
 * daemon ({@code runtime.local.sessionScope}, {@code share}, {@code shareKey}). Read with Jackson alone: choosing a runtime must
 * not cost a full config load. Validation is the runtime's job; unreadable files count as "no choice".
 */
public record ConfigRuntimeChoice(String mode, String remoteUrl, String requestConfigPath, String defaultMode,
        String defaultProfile, String sessionScope, String share, String shareKey) {

    public static final ConfigRuntimeChoice NONE = new ConfigRuntimeChoice(null, null, null, null, null, null, null, null);

    public static ConfigRuntimeChoice read(Path projectConfig) {
        if (projectConfig == null) return NONE;
        ConfigRuntimeChoice project = readOne(projectConfig);
        ConfigRuntimeChoice local = readOne(projectConfig.resolveSibling(".cli.local.json"));
        return new ConfigRuntimeChoice(first(local.mode, project.mode), first(local.remoteUrl, project.remoteUrl),
                first(local.requestConfigPath, project.requestConfigPath), first(local.defaultMode, project.defaultMode),
                first(local.defaultProfile, project.defaultProfile), first(local.sessionScope, project.sessionScope),
                first(local.share, project.share), first(local.shareKey, project.shareKey));
    }

    private static ConfigRuntimeChoice readOne(Path file) {
        if (!Files.isRegularFile(file)) return NONE;
        try {
            JsonNode root = Json.MAPPER.readTree(file.toFile());
            if (root == null) return NONE;
            JsonNode runtime = root.path("runtime");
            JsonNode local = runtime.path("local");
            return new ConfigRuntimeChoice(textOrNull(runtime.path("mode")), textOrNull(runtime.path("remote").path("url")),
                    textOrNull(runtime.path("remote").path("requestConfigPath")), textOrNull(root.path("mode").path("default")),
                    textOrNull(root.path("agents").path("defaultProfile")), textOrNull(local.path("sessionScope")),
                    textOrNull(local.path("share")), textOrNull(local.path("shareKey")));
        } catch (IOException e) {
            return NONE;
        }
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
