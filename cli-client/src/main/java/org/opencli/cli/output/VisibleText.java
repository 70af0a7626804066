package org.opencli.cli.output;

/**
 * Text echoed to a terminal with its control characters made visible as {@code ?}: a word, value or
 * name the user (or a document) supplied must not move the cursor, clear the screen or set the
 * window title when an error repeats it. Line breaks and tabs are kept where {@code keepLayout}.
 */
public final class VisibleText {
    private VisibleText() {
    }

    /** Every control character (C0, DEL, C1) as {@code ?}. */
    public static String of(String text) {
        return replace(text, false);
    }

    /** As {@link #of}, but line breaks and tabs stay: for multi-line messages. */
    public static String keepingLayout(String text) {
        return replace(text, true);
    }

    private static String replace(String text, boolean keepLayout) {
        if (text == null) return null;
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean layout = keepLayout && (c == '\n' || c == '\t');
            out.appendCodePoint(Character.isISOControl(c) && !layout ? '?' : c);
        });
        return out.toString();
    }
}
