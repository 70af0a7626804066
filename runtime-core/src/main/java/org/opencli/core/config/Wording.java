package org.opencli.core.config;

/** Small helpers that keep problem messages grammatical. */
final class Wording {
    private Wording() {
    }

    /** {@code "a stdio"}, {@code "an openapi"}, {@code "an sse"}: the article by how the word sounds. */
    static String a(String word) {
        boolean vowelSound = !word.isEmpty() && ("aeiouAEIOU".indexOf(word.charAt(0)) >= 0 || word.startsWith("sse"));
        return (vowelSound ? "an " : "a ") + word;
    }
}
