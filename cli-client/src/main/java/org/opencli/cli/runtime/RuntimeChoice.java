package org.opencli.cli.runtime;

/**
 * Which runtime resolution picked: in-process, a daemon at {@code url}, or (no url, not embedded)
 * the instance's managed local daemon, to be started; {@code reason} names the step.
 */
public record RuntimeChoice(boolean embedded, String url, String reason) {
    static RuntimeChoice embedded(String reason) {
        return new RuntimeChoice(true, null, reason);
    }

    static RuntimeChoice http(String url, String reason) {
        return new RuntimeChoice(false, url, reason);
    }

    static RuntimeChoice startLocal(String reason) {
        return new RuntimeChoice(false, null, reason);
    }

    /** A managed local daemon is to be started (none was live when the choice was made). */
    public boolean startsDaemon() {
        return !embedded && url == null;
    }
}
