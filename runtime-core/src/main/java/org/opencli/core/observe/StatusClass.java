package org.opencli.core.observe;

/** An HTTP status as its class, the {@code status_class} tag: {@code 1xx}..{@code 5xx}, or {@code none} (no answer). */
public final class StatusClass {
    public static final String NONE = "none";
    private static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

    private StatusClass() {
    }

    /** A constant string, so tagging allocates nothing. */
    public static String of(Integer status) {
        if (status == null) return NONE;
        int c = status / 100;
        return c >= 1 && c <= 5 ? CLASSES[c - 1] : NONE;
    }
}
