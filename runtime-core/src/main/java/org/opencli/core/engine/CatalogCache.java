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
        final long generation;
        volatile long checkedAt;

        Entry(CatalogBuild build, long generation, long checkedAt) {
            this.build = build;
            this.generation = generation;
            this.checkedAt = checkedAt;
        }
    }

    private final Clock clock;
    private final FreshnessWindow window;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    // bumped by invalidate(): a build that started before is not kept (an MCP server's tools changed meanwhile)
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

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
            long startedIn = generation.get();
            CatalogBuild built = builder.get();
            entries.put(key, new Entry(built, startedIn, now));
            return built;
        }
    }

    /**
     * Builds {@code key} again whatever its freshness (an explicit refresh) and keeps the result; a
     * build that throws leaves the entry as it was, so the catalog served before stays served.
     */
    CatalogBuild replace(String key, Supplier<CatalogBuild> builder) {
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            long now = window.now();
            long startedIn = generation.get();
            CatalogBuild built = builder.get();
            entries.put(key, new Entry(built, startedIn, now));
            return built;
        }
    }

    /** The build for {@code key} if its documents were confirmed unchanged within the window, else null. */
    CatalogBuild recent(String key) {
        Entry entry = entries.get(key);
        return entry != null && entry.generation == generation.get() && window.recent(entry.checkedAt) ? entry.build : null;
    }

    private CatalogBuild current(String key) {
        Entry entry = entries.get(key);
        if (entry == null || entry.generation != generation.get()) return null;
        if (window.recent(entry.checkedAt)) return entry.build;
        long now = window.now();
        if (!isCurrent(entry.build)) return null;
        entry.checkedAt = now;
        return entry.build;
    }

    void clear() {
        entries.clear();
    }

    /** Every build, finished or still running, is stale: the next request builds again. */
    void invalidate() {
        generation.incrementAndGet();
        entries.clear();
    }

    private boolean isCurrent(CatalogBuild build) {
        return build.dependencies().stream().allMatch(d -> d.isCurrent(clock));
    }
}
