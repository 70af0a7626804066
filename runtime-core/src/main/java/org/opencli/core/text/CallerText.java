package org.opencli.core.text;

/**
 * Text a caller sent that the runtime repeats where others read it (an audit record, a problem's
 * detail) although it named nothing known: an unknown tool id, an unknown agent profile. It is cut
 * to {@link #MAX_CHARS} characters (the request body allows megabytes) and its control characters
 * are written {@code ?}, as the MCP server repeats an unknown tool name.
 */
public final class CallerText {
    public static final int MAX_CHARS = 128;

    private CallerText() {
    }

    /** {@code text} bounded and printable; null stays null. */
    public static String bounded(String text) {
        if (text == null) return null;
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= MAX_CHARS ? printable : printable.substring(0, MAX_CHARS) + "…";
    }
}
