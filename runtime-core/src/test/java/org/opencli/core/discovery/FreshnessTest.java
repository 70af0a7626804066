package org.opencli.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The cache freshness decision as a table: publisher headers and config in, lifetime in seconds out. */
class FreshnessTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final String DATE = "Thu, 01 Jan 2026 00:00:00 GMT";

    static Stream<Arguments> rules() {
        return Stream.of(
                // cacheControl, expires, date, config maxAgeSeconds, expected lifetime (s), storable
                Arguments.of(null, null, null, null, 300L, true),
                Arguments.of(null, null, null, 120, 120L, true),
                Arguments.of(null, null, null, 0, 0L, true),
                Arguments.of("max-age=60", null, null, 120, 60L, true),
                Arguments.of("max-age=600", null, null, 120, 600L, true),
                Arguments.of("public, max-age=600", null, null, null, 600L, true),
                Arguments.of("MAX-AGE=\"30\"", null, null, null, 30L, true),
                Arguments.of("max-age=0", null, null, 120, 0L, true),
                Arguments.of("no-cache", null, null, 120, 0L, true),
                Arguments.of("no-cache, max-age=600", null, null, 120, 0L, true),
                Arguments.of("no-store", null, null, 120, 0L, false),
                Arguments.of("max-age=600, no-store", null, null, 120, 0L, false),
                Arguments.of("private, max-age=90", null, null, 120, 90L, true),
                Arguments.of("s-maxage=900", null, null, 120, 120L, true),
                Arguments.of("max-age=abc", null, null, 120, 120L, true),
                Arguments.of("max-age=-5", null, null, 120, 120L, true),
                Arguments.of("max-age=99999999999999999999999", null, null, null, 86400L, true),
                Arguments.of("max-age=31536000", null, null, 7, 86400L, true),
                Arguments.of(null, "Thu, 01 Jan 2026 00:10:00 GMT", DATE, 120, 600L, true),
                Arguments.of(null, "Thu, 01 Jan 2026 00:10:00 GMT", null, 120, 600L, true),
                Arguments.of(null, "Thu, 01 Jan 2026 00:10:00 GMT", "Wed, 31 Dec 2025 23:55:00 GMT", 120, 900L, true),
                Arguments.of(null, "Wed, 31 Dec 2025 00:00:00 GMT", DATE, 120, 0L, true),
                Arguments.of(null, "0", DATE, 120, 0L, true),
                Arguments.of(null, "Mon, 01 Jan 2035 00:00:00 GMT", DATE, 120, 86400L, true),
                Arguments.of("max-age=30", "Thu, 01 Jan 2026 00:10:00 GMT", DATE, 120, 30L, true),
                Arguments.of("no-cache", "Thu, 01 Jan 2026 00:10:00 GMT", DATE, 120, 0L, true),
                Arguments.of("must-revalidate", null, null, 45, 45L, true),
                Arguments.of("immutable", null, null, null, 300L, true));
    }

    @ParameterizedTest(name = "[{index}] Cache-Control {0}, Expires {1}, Date {2}, maxAgeSeconds {3} -> {4}s")
    @MethodSource("rules")
    void lifetime(String cacheControl, String expires, String date, Integer maxAge, long seconds, boolean storable) {
        Instant at = Freshness.expiresAt(cacheControl, expires, date, NOW, maxAge);
        assertThat(at.getEpochSecond() - NOW.getEpochSecond()).isEqualTo(seconds);
        assertThat(Freshness.storable(cacheControl)).isEqualTo(storable);
    }

    @ParameterizedTest
    @MethodSource("directives")
    void parsesDirectives(String header, Long maxAge, boolean noCache, boolean noStore, boolean isPrivate) {
        CacheControl cc = CacheControl.parse(header);
        assertThat(cc.maxAgeSeconds()).isEqualTo(maxAge);
        assertThat(cc.noCache()).isEqualTo(noCache);
        assertThat(cc.noStore()).isEqualTo(noStore);
        assertThat(cc.isPrivate()).isEqualTo(isPrivate);
    }

    static Stream<Arguments> directives() {
        return Stream.of(
                Arguments.of("", null, false, false, false),
                Arguments.of("max-age=10, max-age=20", 10L, false, false, false),
                Arguments.of("no-cache=\"set-cookie\"", null, true, false, false),
                Arguments.of(" Private , No-Store ", null, false, true, true),
                Arguments.of("max-age=" + "9".repeat(2000), Long.MAX_VALUE, false, false, false));
    }
}
