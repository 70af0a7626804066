package org.opencli.core.execution;

import java.nio.charset.StandardCharsets;

/** RFC 3986 percent-encoding: everything except unreserved characters (and any given extras) is escaped. */
final class PercentEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    /** A path segment or query component: '/', '?', '&', '=', '#', ',' ... all escaped. */
    static String encode(String s) {
        return encode(s, "");
    }

    static String encode(String s, String keep) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || keep.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
