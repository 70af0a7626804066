package org.opencli.core.discovery;

import java.util.Locale;
import java.util.Optional;

/**
 * How the document cache answered one fetch. {@link #wireName()} is the lower_snake name used on
 * the wire ({@code cacheOutcome}), in provenance, in refresh answers and as the {@code cache} tag.
 */
public enum FetchOutcome {
    /** Nothing was cached; the publisher answered and the copy was stored (unless {@code no-store}). */
    MISS,
    /** A cached copy still fresh by the freshness rules was served without asking the publisher. */
    FRESH_HIT,
    /** The publisher answered 304 Not Modified to a conditional request; the cached copy was kept. */
    REVALIDATED_HIT,
    /** A cached copy existed and the publisher sent a new one (2xx), which replaced it. */
    REFRESHED,
    /** The publisher could not be reached or answered an error; the cached copy was served, marked stale. */
    STALE_HIT,
    /** The publisher could not be reached or answered an error and there was no cached copy to serve. */
    FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when the bytes served came from the publisher or were confirmed by it in this fetch. */
    public boolean confirmedByPublisher() {
        return this == MISS || this == REVALIDATED_HIT || this == REFRESHED;
    }

    public static Optional<FetchOutcome> fromWireName(String name) {
        if (name == null) return Optional.empty();
        for (FetchOutcome o : values()) {
            if (o.wireName().equals(name)) return Optional.of(o);
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName();
    }
}
