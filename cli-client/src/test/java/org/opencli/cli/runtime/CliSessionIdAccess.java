package org.opencli.cli.runtime;

/** Test access to {@link CliSessionId#of}. */
public final class CliSessionIdAccess {
    private CliSessionIdAccess() {
    }

    public static String of(String explicit, ProcessHandle parent) {
        return CliSessionId.of(explicit, parent);
    }
}
