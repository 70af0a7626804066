package org.opencli.core.discovery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * When a fetched document stops being fresh: the cache freshness decision, in one place.
 * <ol>
 * <li>{@code Cache-Control: no-store} or {@code no-cache} from the publisher: fresh for no time (every
 * use asks the publisher; {@code no-store} is also never written to disk).</li>
 * <li>The publisher's {@code max-age}, else {@code Expires} minus {@code Date} (or minus our fetch time
 * when {@code Date} is absent or unreadable; an unreadable {@code Expires} means already expired):
 * the publisher wins over {@code refresh.maxAgeSeconds}, as in the reference implementation.
 * {@code s-maxage} is for shared caches and is ignored: this cache belongs to one runtime.</li>
 * <li>Otherwise {@code refresh.maxAgeSeconds} from the source config, else
 * {@link DocumentFetchers#DEFAULT_MAX_AGE_SECONDS}.</li>
 * </ol>
 * A publisher's lifetime is capped at {@link #MAX_PUBLISHER_LIFETIME}, so a document cannot pin
 * itself in the cache for longer than a day; the operator's {@code maxAgeSeconds} is not capped.
 * {@code refresh.manualOnly} is applied by the fetcher, not here: it decides whether to ask, not how
 * long a copy is fresh.
 */
public final class Freshness {
    public static final Duration MAX_PUBLISHER_LIFETIME = Duration.ofDays(1);

    private Freshness() {
    }

    /**
     * @param cacheControl the response's {@code Cache-Control} (null: none)
     * @param expires the response's {@code Expires} (null: none)
     * @param date the response's {@code Date} (null: none)
     * @param fetchedAt when we received the response
     * @param configMaxAgeSeconds {@code refresh.maxAgeSeconds} (null: not configured)
     */
    public static Instant expiresAt(String cacheControl, String expires, String date, Instant fetchedAt,
                                    Integer configMaxAgeSeconds) {
        CacheControl cc = CacheControl.parse(cacheControl);
        if (cc.noStore() || cc.noCache()) return fetchedAt;
        if (cc.maxAgeSeconds() != null) {
            return fetchedAt.plusSeconds(Math.min(cc.maxAgeSeconds(), MAX_PUBLISHER_LIFETIME.getSeconds()));
        }
        if (expires != null && !expires.isBlank()) {
            Instant at = httpDate(expires);
            if (at == null) return fetchedAt; // RFC 9111 §5.3: an invalid Expires (e.g. "0") is in the past
            Instant origin = date == null ? null : httpDate(date);
            Duration lifetime = Duration.between(origin != null ? origin : fetchedAt, at);
            return fetchedAt.plus(capped(lifetime));
        }
        int seconds = configMaxAgeSeconds == null ? DocumentFetchers.DEFAULT_MAX_AGE_SECONDS : Math.max(0, configMaxAgeSeconds);
        return fetchedAt.plusSeconds(seconds);
    }

    /** True when this response may be written to the on-disk cache. */
    public static boolean storable(String cacheControl) {
        return !CacheControl.parse(cacheControl).noStore();
    }

    private static Duration capped(Duration d) {
        if (d.isNegative()) return Duration.ZERO;
        return d.compareTo(MAX_PUBLISHER_LIFETIME) > 0 ? MAX_PUBLISHER_LIFETIME : d;
    }

    /** An IMF-fixdate (RFC 1123) as an instant; null when it is not one. Bounded: at most 64 characters. */
    static Instant httpDate(String value) {
        if (value == null || value.length() > 64) return null;
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
