package org.opencli.core.discovery;

import java.util.Locale;

/**
 * The response directives of one {@code Cache-Control} header that the document cache acts on.
 * Unknown directives are ignored; a malformed or negative {@code max-age} counts as absent (RFC
 * 9111 §4.2.1 lets a cache treat it as stale, which is what absent plus the fallback rules give
 * when nothing else is said). The header is read at most {@link #MAX_HEADER_CHARS} characters.
 */
public record CacheControl(Long maxAgeSeconds, boolean noCache, boolean noStore, boolean mustRevalidate,
        boolean isPrivate, Long sharedMaxAgeSeconds) {

    static final int MAX_HEADER_CHARS = 1024;
    public static final CacheControl NONE = new CacheControl(null, false, false, false, false, null);

    /** Parses the (possibly comma-joined, possibly null) header value. */
    public static CacheControl parse(String header) {
        if (header == null || header.isBlank()) return NONE;
        String value = header.length() > MAX_HEADER_CHARS ? header.substring(0, MAX_HEADER_CHARS) : header;
        Long maxAge = null;
        Long sMaxAge = null;
        boolean noCache = false;
        boolean noStore = false;
        boolean mustRevalidate = false;
        boolean priv = false;
        for (String raw : value.split(",")) {
            String directive = raw.trim().toLowerCase(Locale.ROOT);
            int eq = directive.indexOf('=');
            String name = eq < 0 ? directive : directive.substring(0, eq).trim();
            String arg = eq < 0 ? null : unquote(directive.substring(eq + 1).trim());
            switch (name) {
                case "max-age" -> maxAge = maxAge != null ? maxAge : seconds(arg);
                case "s-maxage" -> sMaxAge = sMaxAge != null ? sMaxAge : seconds(arg);
                // no-cache="field" only restricts those fields; we cache whole documents, so any form revalidates
                case "no-cache" -> noCache = true;
                case "no-store" -> noStore = true;
                // proxy-revalidate binds shared caches only; this one belongs to one runtime
                case "must-revalidate" -> mustRevalidate = true;
                case "private" -> priv = true;
                default -> {
                    // public, immutable, stale-while-revalidate...: not acted on
                }
            }
        }
        return new CacheControl(maxAge, noCache, noStore, mustRevalidate, priv, sMaxAge);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** Delta-seconds: digits only; too large saturates (RFC 9111 §1.2.2), anything else is absent. */
    private static Long seconds(String arg) {
        if (arg == null || arg.isEmpty() || arg.length() > 19) {
            return arg != null && !arg.isEmpty() && arg.chars().allMatch(Character::isDigit) ? Long.MAX_VALUE : null;
        }
        for (int i = 0; i < arg.length(); i++) {
            if (!Character.isDigit(arg.charAt(i))) return null;
        }
        return Long.parseLong(arg);
    }
}
