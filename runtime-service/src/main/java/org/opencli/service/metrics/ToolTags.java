package org.opencli.service.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the {@code tool} tag: the first {@code max} distinct tool ids executed keep their own
 * series, later ones are counted under {@value #OTHER}. A catalog bounds tool ids, but one can hold
 * thousands (GitHub's has about 1,100), and each id multiplies the series of every decision,
 * reason and status class it meets.
 */
final class ToolTags {
    static final int DEFAULT_MAX = 500;
    static final String OTHER = "other";
    private final int max;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    ToolTags(int max) {
        this.max = Math.max(0, max);
    }

    String tag(String tool) {
        if (tool == null || tool.isEmpty()) return EngineMetrics.NONE;
        if (seen.contains(tool)) return tool;
        if (seen.size() >= max) return OTHER;
        seen.add(tool);
        return tool;
    }
}
