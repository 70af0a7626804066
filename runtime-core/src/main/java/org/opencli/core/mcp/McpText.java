package org.opencli.core.mcp;

/** Text from an MCP server made safe to show: control characters (but newline and tab) dropped, length bounded. */
final class McpText {
    private McpText() {
    }

    static String bounded(String text, int max) {
        if (text == null) return null;
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\t' || c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0)) out.append(c);
        }
        if (out.length() == max && text.length() > max) out.append('…');
        return out.toString();
    }
}
