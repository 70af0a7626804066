package org.opencli.core.catalog.views;

import java.util.regex.Pattern;

/**
 * A tool-id pattern: {@code **} matches anything, {@code *} any run of characters except ':'
 * (so {@code tickets:*} means "every tool of service tickets"), {@code ?} one character except ':'.
 */
public final class ToolPattern {
    private final Pattern regex;

    private ToolPattern(Pattern regex) {
        this.regex = regex;
    }

    public static ToolPattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^:]*");
            } else if (c == '?') {
                re.append("[^:]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new ToolPattern(Pattern.compile(re.toString()));
    }

    public boolean matches(String toolId) {
        return regex.matcher(toolId).matches();
    }

    public static boolean anyMatches(Iterable<String> globs, String toolId) {
        if (globs == null) return false;
        for (String g : globs) if (compile(g).matches(toolId)) return true;
        return false;
    }
}
