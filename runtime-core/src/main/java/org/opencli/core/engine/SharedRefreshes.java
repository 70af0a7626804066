package org.opencli.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Explicit refreshes of the same config and source that overlap share one run: a refresh asked for
 * while an identical one is fetching hears the outcomes so far, then the rest as they come, and gets
 * the same report. A flood of refreshes then costs the publisher one fetch per document instead of
 * one per request. A refresh asked for after the running one ended starts a new one (it must see the
 * publisher as it is now).
 */
final class SharedRefreshes {
    /** One running refresh: the outcomes heard so far, who listens, and its report once done. */
    private static final class Running {
        private final List<RefreshReport.SourceRefresh> heard = new ArrayList<>();
        private final List<Consumer<RefreshReport.SourceRefresh>> listeners = new ArrayList<>();
        private final CompletableFuture<RefreshReport> done = new CompletableFuture<>();

        synchronized void listen(Consumer<RefreshReport.SourceRefresh> listener) {
            for (RefreshReport.SourceRefresh s : heard) tell(listener, s);
            listeners.add(listener);
        }

        synchronized void hear(RefreshReport.SourceRefresh source) {
            heard.add(source);
            for (Consumer<RefreshReport.SourceRefresh> l : listeners) tell(l, source);
        }

        private static void tell(Consumer<RefreshReport.SourceRefresh> listener, RefreshReport.SourceRefresh source) {
            try {
                listener.accept(source);
            } catch (RuntimeException e) {
                // one caller that went away must not stop the others' progress or the refresh
            }
        }
    }

    private final ConcurrentHashMap<String, Running> running = new ConcurrentHashMap<>();

    /** Runs {@code refresh} for {@code key}, or joins the run of it already under way. */
    RefreshReport run(String key, Function<Consumer<RefreshReport.SourceRefresh>, RefreshReport> refresh,
                      Consumer<RefreshReport.SourceRefresh> progress) {
        Running mine = new Running();
        Running current = running.putIfAbsent(key, mine);
        if (current != null) return join(current, progress);
        mine.listen(progress);
        try {
            RefreshReport report = refresh.apply(mine::hear);
            mine.done.complete(report);
            return report;
        } catch (RuntimeException | Error e) {
            mine.done.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, mine);
        }
    }

    private static RefreshReport join(Running current, Consumer<RefreshReport.SourceRefresh> progress) {
        current.listen(progress);
        try {
            return current.done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }
}
