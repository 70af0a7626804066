package org.opencli.core.catalog.openapi;

import java.util.Locale;

/** Name shaping for CLI surfaces: kebab-case for commands and flags, slugs for service ids. */
public final class Names {
    private Names() {
    }

    /** {@code listTickets} → {@code list-tickets}, {@code getHTTPStatus} → {@code get-http-status}, {@code per_page} → {@code per-page}. */
    public static String kebab(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                dash(out);
                continue;
            }
            if (Character.isUpperCase(c) && i > 0) {
                char prev = s.charAt(i - 1);
                boolean nextLower = i + 1 < s.length() && Character.isLowerCase(s.charAt(i + 1));
                if (Character.isLowerCase(prev) || Character.isDigit(prev) || (Character.isUpperCase(prev) && nextLower)) {
                    dash(out);
                }
            }
            out.append(Character.toLowerCase(c));
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '-') end--;
        return out.substring(0, end);
    }

    /** Lower-case letters and digits joined by single dashes: {@code Example Tickets API} → {@code example-tickets-api}. */
    public static String slug(String s) {
        return kebab(s.toLowerCase(Locale.ROOT));
    }

    private static void dash(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '-') out.append('-');
    }
}
