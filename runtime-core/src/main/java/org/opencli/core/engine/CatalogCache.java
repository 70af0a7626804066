package org.opencli.core.engine;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.opencli.core.catalog.CatalogBuild;

/**
 * Built catalogs keyed by config path + config fingerprint. An entry is reused while every
 * document it was built from is unchanged, so repeated requests never rebuild and an edited
 * source or config is picked up on the next request. One build at a time per key.
 */
final class CatalogCache {
    private final Clock clock;
    private final Map<String, CatalogBuild> entries = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    CatalogCache(Clock clock) {
        this.clock = clock;
    }

    CatalogBuild get(String key, Supplier<CatalogBuild> builder) {
        CatalogBuild cached = entries.get(key);
        if (cached != null && isCurrent(cached)) return cached;
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            cached = entries.get(key);
            if (cached != null && isCurrent(cached)) return cached;
            CatalogBuild built = builder.get();
            entries.put(key, built);
            return built;
        }
    }

    void clear() {
        entries.clear();
    }

    private boolean isCurrent(CatalogBuild build) {
        return build.dependencies().stream().allMatch(d -> d.isCurrent(clock));
    }
}
