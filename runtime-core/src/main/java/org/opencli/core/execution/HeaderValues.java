package org.opencli.core.execution;

/**
 * What HTTP/1.1 can carry in a header (RFC 9110 §5): a name is a token; a value is visible
 * characters, spaces, tabs and obs-text (0x80–0xFF) — never CR, LF, NUL or another control
 * character, and nothing beyond one byte a character, which the clients could not send faithfully.
 */
public final class HeaderValues {
    private static final String TOKEN_SPECIALS = "!#$%&'*+-.^_`|~";

    private HeaderValues() {
    }

    public static boolean validValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\t') continue;
            if (c < 0x20 || c == 0x7f || c > 0xff) return false;
        }
        return true;
    }

    public static boolean validName(String name) {
        if (name.isEmpty()) return false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alnum = c < 0x80 && Character.isLetterOrDigit(c);
            if (!alnum && TOKEN_SPECIALS.indexOf(c) < 0) return false;
        }
        return true;
    }

    /** A cookie value (RFC 6265 cookie-octet): no controls, whitespace, DQUOTE, comma, semicolon or backslash. */
    public static boolean validCookieValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c == 0x7f || c > 0x7e || c == '"' || c == ',' || c == ';' || c == '\\') return false;
        }
        return true;
    }
}
