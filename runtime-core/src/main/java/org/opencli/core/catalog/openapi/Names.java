package org.opencli.core.catalog.openapi;

import java.util.Locale;
import java.util.regex.Pattern;

/** Name shaping for CLI surfaces: kebab-case for commands and flags, slugs for service ids and groups. */
public final class Names {
    /** One word a shell passes through unquoted: letters or digits, then letters, digits, {@code - _ .}. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.-]*");

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

    /**
     * A command word an author chose ({@code x-cli-group}, {@code x-cli-name}, {@code x-cli-aliases}):
     * kept as written when it already is one typable word ({@code editItem}, {@code v2}), else its slug
     * ({@code Org Members} → {@code org-members}); empty when nothing typable is left.
     */
    public static String word(String s) {
        return WORD.matcher(s).matches() ? s : slug(s);
    }
}
