package org.opencli.core.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opencli.core.config.ConfigLoader;
import org.opencli.core.config.LoadedConfig;

/**
 * Loaded configs keyed by project path, reused while none of the four scope files changed
 * (existence, modification time, size), so a warm catalog request does not re-parse config.
 * Within the freshness window the files are not looked at at all.
 */
final class ConfigCache {
    private static final class Entry {
        final String signature;
        final LoadedConfig config;
        volatile long checkedAt;

        Entry(String signature, LoadedConfig config, long checkedAt) {
            this.signature = signature;
            this.config = config;
            this.checkedAt = checkedAt;
        }
    }

    private final ConfigLoader loader;
    private final FreshnessWindow window;
    private final Map<Path, Entry> entries = new ConcurrentHashMap<>();

    ConfigCache(ConfigLoader loader, FreshnessWindow window) {
        this.loader = loader;
        this.window = window;
    }

    LoadedConfig load(Path projectConfig) {
        Entry entry = entries.get(projectConfig);
        if (entry != null && window.recent(entry.checkedAt)) return entry.config;
        long now = window.now();
        String signature = signature(projectConfig);
        if (entry != null && entry.signature.equals(signature)) {
            entry.checkedAt = now;
            return entry.config;
        }
        LoadedConfig loaded = loader.load(projectConfig);
        entries.put(projectConfig, new Entry(signature, loaded, now));
        return loaded;
    }

    /** The config at {@code projectConfig} if its files were confirmed unchanged within the window, else null. */
    LoadedConfig recent(Path projectConfig) {
        Entry entry = entries.get(projectConfig);
        return entry != null && window.recent(entry.checkedAt) ? entry.config : null;
    }

    private String signature(Path projectConfig) {
        Path local = projectConfig.resolveSibling(".cli.local.json");
        StringBuilder sb = new StringBuilder();
        for (Path p : List.of(loader.scopes().managed(), loader.scopes().user(), projectConfig, local)) {
            sb.append(p).append('=');
            try {
                BasicFileAttributes attributes = Files.readAttributes(p, BasicFileAttributes.class);
                sb.append(attributes.lastModifiedTime().toMillis()).append('/').append(attributes.size());
            } catch (IOException e) {
                sb.append("absent");
            }
            sb.append(';');
        }
        return sb.toString();
    }
}
