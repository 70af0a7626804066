package org.opencli.service.security;

import java.util.List;
import java.util.regex.Pattern;
import org.opencli.core.auth.TokenRejected;

/** RFC 6750 §2.1: {@code Authorization: Bearer <b64token>}. */
final class BearerHeader {
    /** RFC 6750 §2.1 b64token; compiled once: this runs on every request. */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private BearerHeader() {
    }

    /**
     * The token, or null when no bearer credentials were sent (no header, or another scheme).
     *
     * @throws TokenRejected {@code malformed} for a Bearer header without a well-formed token
     */
    static String token(List<String> headers) {
        // two credentials are one too many: a proxy in front may have checked the other one
        if (headers.size() > 1) throw new TokenRejected(TokenRejected.MALFORMED, "the request carries more than one Authorization header");
        return token(headers.isEmpty() ? null : headers.get(0));
    }

    static String token(String header) {
        if (header == null || header.isBlank()) return null;
        String h = header.strip();
        int space = h.indexOf(' ');
        String scheme = space < 0 ? h : h.substring(0, space);
        if (!scheme.equalsIgnoreCase("Bearer")) return null;
        String token = space < 0 ? "" : h.substring(space + 1).strip();
        if (token.isEmpty() || !B64TOKEN.matcher(token).matches()) {
            throw new TokenRejected(TokenRejected.MALFORMED, "the Authorization header is not 'Bearer <token>'");
        }
        return token;
    }
}
