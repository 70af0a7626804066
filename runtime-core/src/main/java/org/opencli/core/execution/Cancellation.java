package org.opencli.core.execution;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Stages that pass a cancellation back to where the work runs. {@link CompletableFuture#thenApply}
 * does not: cancelling its result leaves the source running. The HTTP layer cancels a request's
 * answer when its client disconnects, and that must reach the execution (and its MCP server).
 */
public final class Cancellation {
    private Cancellation() {
    }

    /** {@code source.thenApply(fn)}, whose cancellation cancels {@code source}. */
    public static <T, R> CompletableFuture<R> thenApply(CompletionStage<T> source, Function<? super T, ? extends R> fn) {
        CompletableFuture<T> from = source.toCompletableFuture();
        CompletableFuture<R> mapped = from.thenApply(fn);
        return linked(from, mapped);
    }

    /** {@code dependent}, made to cancel {@code source} when it is cancelled itself. */
    public static <T> CompletableFuture<T> linked(CompletableFuture<?> source, CompletableFuture<T> dependent) {
        dependent.whenComplete((value, error) -> {
            if (dependent.isCancelled()) source.cancel(true);
        });
        return dependent;
    }
}
