package org.opencli.cli.runtime;

import java.util.function.Supplier;

/**
 * A way to abort one blocking runtime call from another thread ({@code ocli mcp serve}: the agent
 * cancelled the call or went away). The call registers what aborts it where it blocks — the HTTP
 * connection to the runtime (closing it makes the runtime cancel the execution in turn), or the
 * embedded engine's answer (cancelling it cancels the execution).
 */
public final class CallAbort {
    private static final ThreadLocal<CallAbort> CURRENT = new ThreadLocal<>();
    private volatile Runnable action;
    private volatile boolean aborted;

    /** Runs {@code call} on this thread, abortable through {@code abort}. */
    public static <T> T run(CallAbort abort, Supplier<T> call) {
        CURRENT.set(abort);
        try {
            return call.get();
        } finally {
            CURRENT.remove();
        }
    }

    /** Called where a call blocks: {@code action} aborts it (at once when it was aborted already). */
    static void onAbort(Runnable action) {
        CallAbort current = CURRENT.get();
        if (current == null) return;
        current.action = action;
        if (current.aborted) action.run(); // each side writes its field before it reads the other's
    }

    /** Aborts the call, now or as soon as it blocks. */
    public void abort() {
        aborted = true;
        Runnable a = action;
        if (a != null) a.run();
    }
}
