package org.opencli.fleet.architecture;

/**
 * Java source with comments and string, text-block and character literals blanked out (each
 * replaced by spaces, newlines kept), so what remains is code: a class name inside a log message
 * or a {@code {@link}} is not a dependency.
 */
final class JavaCode {
    private JavaCode() {
    }

    static String of(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                i = blank(source, out, i, source.indexOf('\n', i) < 0 ? n : source.indexOf('\n', i));
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = blank(source, out, i, end < 0 ? n : end + 2);
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                i = blank(source, out, i, end < 0 ? n : end + 3);
            } else if (c == '"' || c == '\'') {
                i = blank(source, out, i, literalEnd(source, i, c));
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The index just past the literal opened by {@code quote} at {@code start}, escapes honoured. */
    private static int literalEnd(String source, int start, char quote) {
        int i = start + 1;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote || c == '\n') {
                return i + 1;
            } else {
                i++;
            }
        }
        return source.length();
    }

    private static int blank(String source, StringBuilder out, int from, int to) {
        for (int i = from; i < to; i++) out.append(source.charAt(i) == '\n' ? '\n' : ' ');
        return to;
    }
}
