package org.opencli.core.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opencli.core.config.ConfigLoader;
import org.opencli.core.config.LoadedConfig;

/**
 * Loaded configs keyed by project path, reused while none of the four scope files changed
 * (existence, modification time, size), so a warm catalog request does not re-parse config.
 */
final class ConfigCache {
    private record Entry(String signature, LoadedConfig config) {
    }

    private final ConfigLoader loader;
    private final Map<Path, Entry> entries = new ConcurrentHashMap<>();

    ConfigCache(ConfigLoader loader) {
        this.loader = loader;
    }

    LoadedConfig load(Path projectConfig) {
        String signature = signature(projectConfig);
        Entry entry = entries.get(projectConfig);
        if (entry != null && entry.signature().equals(signature)) return entry.config();
        LoadedConfig loaded = loader.load(projectConfig);
        entries.put(projectConfig, new Entry(signature, loaded));
        return loaded;
    }

    private String signature(Path projectConfig) {
        Path local = projectConfig.resolveSibling(".cli.local.json");
        StringBuilder sb = new StringBuilder();
        for (Path p : List.of(loader.scopes().managed(), loader.scopes().user(), projectConfig, local)) {
            sb.append(p).append('=');
            try {
                sb.append(Files.getLastModifiedTime(p).toMillis()).append('/').append(Files.size(p));
            } catch (IOException e) {
                sb.append("absent");
            }
            sb.append(';');
        }
        return sb.toString();
    }
}
