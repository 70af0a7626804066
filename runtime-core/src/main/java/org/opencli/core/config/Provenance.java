package org.opencli.core.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Which file last contributed each JSON path of the merged config, so a problem found only after
 * merging still names the file to fix. Lookups fall back to the nearest recorded ancestor, then to
 * a default file (the project file).
 */
final class Provenance {
    private final Map<String, String> fileByPath = new HashMap<>();
    private final String fallback;

    Provenance(String fallback) {
        this.fallback = fallback;
    }

    void record(String path, String file) {
        fileByPath.put(path, file);
    }

    /** Forgets {@code path}'s descendants: their value was replaced whole by a later scope. */
    void forgetBelow(String path) {
        fileByPath.keySet().removeIf(p -> isBelow(p, path));
    }

    String fileFor(String path) {
        String best = null;
        for (String recorded : fileByPath.keySet()) {
            boolean covers = recorded.equals(path) || isBelow(path, recorded);
            if (covers && (best == null || recorded.length() > best.length())) best = recorded;
        }
        return best == null ? fallback : fileByPath.get(best);
    }

    private static boolean isBelow(String path, String ancestor) {
        return path.length() > ancestor.length() && path.startsWith(ancestor)
                && (path.charAt(ancestor.length()) == '.' || path.charAt(ancestor.length()) == '[');
    }
}
