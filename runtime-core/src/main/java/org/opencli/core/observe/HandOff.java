package org.opencli.core.observe;

import java.util.concurrent.Executor;

/**
 * What work handed to one of the engine's threads on behalf of a request takes along, so that the
 * lines logged while it runs still name the request: in oclird the log context (request id, trace
 * and span ids), which lives with the request's own thread. The engine stays free of any logging
 * library: the daemon supplies the implementation, embedded ocli keeps {@link #NONE}.
 * Implementations are cheap and never throw into the engine.
 */
public interface HandOff {
    /** Nothing is carried: the task runs as given. */
    HandOff NONE = task -> task;

    /**
     * Called on the thread that hands {@code task} off: the task, wrapped to run with that thread's
     * context and to leave the running thread as it found it; the task itself when there is nothing
     * to carry.
     */
    Runnable carrying(Runnable task);

    /** {@code target} handing each task off through {@code handOff} ({@code target} itself for {@link #NONE}). */
    static Executor carrying(HandOff handOff, Executor target) {
        if (handOff == null || handOff == NONE) return target;
        return task -> target.execute(handOff.carrying(task));
    }
}
