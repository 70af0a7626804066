package org.opencli.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.core.config.RemoteOAuthConfig;
import org.opencli.core.json.Json;

/**
 * {@code runtime.remote.oauth} read straight from the project file (its {@code .cli.local.json}
 * wins whole), with Jackson alone like {@link org.opencli.cli.runtime.ConfigRuntimeChoice}: getting
 * a token must not cost a full config load. The runtime validates the config fully.
 */
public final class RemoteOAuthSettings {
    private RemoteOAuthSettings() {
    }

    /** The block, or null when neither file has one. */
    public static RemoteOAuthConfig read(Path projectConfig) {
        return credentials(projectConfig).oauth();
    }

    /** The block with the file it came from as its source; {@link RemoteCredentials#NONE} when neither file has one. */
    public static RemoteCredentials credentials(Path projectConfig) {
        if (projectConfig == null) return RemoteCredentials.NONE;
        Path localFile = projectConfig.resolveSibling(".cli.local.json");
        RemoteOAuthConfig local = readOne(localFile);
        if (local != null) return new RemoteCredentials(local, "config " + localFile + " (runtime.remote.oauth)");
        RemoteOAuthConfig project = readOne(projectConfig);
        return project == null ? RemoteCredentials.NONE
                : new RemoteCredentials(project, "config " + projectConfig + " (runtime.remote.oauth)");
    }

    private static RemoteOAuthConfig readOne(Path file) {
        if (!Files.isRegularFile(file)) return null;
        JsonNode oauth;
        try {
            oauth = Json.MAPPER.readTree(file.toFile()).path("runtime").path("remote").path("oauth");
        } catch (IOException e) {
            return null; // unreadable: the runtime choice already ignores it; the config load reports it
        }
        if (!oauth.isObject()) return null;
        try {
            return Json.MAPPER.treeToValue(oauth, RemoteOAuthConfig.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "invalid_config", "Invalid configuration",
                    file + ": $.runtime.remote.oauth has the wrong shape (" + e.getClass().getSimpleName()
                            + "); run 'ocli config validate' for details");
        }
    }
}
