package org.opencli.core.auth;

import java.time.Instant;
import java.util.Map;

/**
 * NumericDate claims ({@code exp}, {@code nbf}) as instants. A value outside 1970..9999 (say
 * {@code 1e300}) cannot be a real time: it makes the token malformed (401), not a date-time
 * overflow (500).
 */
final class ClaimTimes {
    /** 9999-12-31T23:59:59Z. */
    static final long LATEST = 253_402_300_799L;

    private ClaimTimes() {
    }

    /** The claim as an instant; null when absent or not a number. */
    static Instant instant(Map<String, Object> claims, String name) {
        if (!(claims.get(name) instanceof Number n)) return null;
        Instant value = inRange(n);
        if (value == null) {
            throw new TokenRejected(TokenRejected.MALFORMED,
                    "the token's '" + name + "' claim is not a time between 1970 and 9999");
        }
        return value;
    }

    /** The number as seconds since the epoch, or null when it is not finite or outside 1970..9999. */
    static Instant inRange(Number n) {
        double seconds = n.doubleValue();
        if (Double.isNaN(seconds) || seconds < 0 || seconds > LATEST) return null;
        return Instant.ofEpochSecond(n.longValue());
    }
}
