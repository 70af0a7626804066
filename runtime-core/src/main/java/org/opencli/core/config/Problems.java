package org.opencli.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.opencli.core.error.ProblemItem;

/**
 * Collects every problem of one validation stage so the user sees all of them at once. The
 * {@code fileOf} function names the file responsible for a JSON path (a single file when checking
 * one file; the contributing scope when checking the merged result).
 */
final class Problems {
    private final UnaryOperator<String> fileOf;
    private final List<ProblemItem> items = new ArrayList<>();

    Problems(UnaryOperator<String> fileOf) {
        this.fileOf = fileOf;
    }

    static Problems forFile(String file) {
        return new Problems(path -> file);
    }

    /** Adds a problem unless one is already reported at {@code path} (schema and rules may overlap). */
    void add(String path, String message, String expected) {
        if (items.stream().anyMatch(i -> i.path().equals(path))) return;
        items.add(new ProblemItem(fileOf.apply(path), path, message, expected));
    }

    void addAll(List<ProblemItem> located) {
        for (ProblemItem item : located) add(item.path(), item.message(), item.expected());
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    List<ProblemItem> items() {
        return List.copyOf(items);
    }

    /** Throws one {@link ConfigException} carrying everything collected so far, if anything. */
    void throwIfAny() {
        if (!items.isEmpty()) throw new ConfigException(items());
    }
}
