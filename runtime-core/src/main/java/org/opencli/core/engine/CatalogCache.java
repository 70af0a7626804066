package org.opencli.core.engine;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.opencli.core.catalog.CatalogBuild;

/**
 * Built catalogs keyed by config path + config fingerprint. An entry is reused while every
 * document it was built from is unchanged, so repeated requests never rebuild and an edited
 * source or config is picked up on the next request (after the freshness window, when there is
 * one). One build at a time per key.
 */
final class CatalogCache {
    private static final class Entry {
        final CatalogBuild build;
        volatile long checkedAt;

        Entry(CatalogBuild build, long checkedAt) {
            this.build = build;
            this.checkedAt = checkedAt;
        }
    }

    private final Clock clock;
    private final FreshnessWindow window;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    CatalogCache(Clock clock, FreshnessWindow window) {
        this.clock = clock;
        this.window = window;
    }

    CatalogBuild get(String key, Supplier<CatalogBuild> builder) {
        CatalogBuild cached = current(key);
        if (cached != null) return cached;
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            cached = current(key);
            if (cached != null) return cached;
            long now = window.now();
            CatalogBuild built = builder.get();
            entries.put(key, new Entry(built, now));
            return built;
        }
    }

    /** The build for {@code key} if its documents were confirmed unchanged within the window, else null. */
    CatalogBuild recent(String key) {
        Entry entry = entries.get(key);
        return entry != null && window.recent(entry.checkedAt) ? entry.build : null;
    }

    private CatalogBuild current(String key) {
        Entry entry = entries.get(key);
        if (entry == null) return null;
        if (window.recent(entry.checkedAt)) return entry.build;
        long now = window.now();
        if (!isCurrent(entry.build)) return null;
        entry.checkedAt = now;
        return entry.build;
    }

    void clear() {
        entries.clear();
    }

    private boolean isCurrent(CatalogBuild build) {
        return build.dependencies().stream().allMatch(d -> d.isCurrent(clock));
    }
}
