package org.opencli.cli.catalog;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The choices an error names ("groups: tickets, users"): distinct, sorted, the first 30, then a count of the rest. */
final class Choices {
    private static final int MAX = 30;

    private Choices() {
    }

    static String of(Stream<String> words) {
        TreeSet<String> distinct = new TreeSet<>();
        words.forEach(distinct::add);
        if (distinct.isEmpty()) return "none";
        List<String> shown = distinct.stream().limit(MAX).toList();
        return String.join(", ", shown) + (distinct.size() > MAX ? " and " + (distinct.size() - MAX) + " more" : "");
    }
}
