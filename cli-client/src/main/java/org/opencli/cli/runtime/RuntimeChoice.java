package org.opencli.cli.runtime;

/** Which runtime resolution picked: in-process, or a daemon at {@code url}; {@code reason} names the step. */
public record RuntimeChoice(boolean embedded, String url, String reason) {
    static RuntimeChoice embedded(String reason) {
        return new RuntimeChoice(true, null, reason);
    }

    static RuntimeChoice http(String url, String reason) {
        return new RuntimeChoice(false, url, reason);
    }
}
