package org.opencli.core.engine;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An explicit refresh whose input was checked ({@link RuntimeEngine#prepareRefresh}) and that has not
 * fetched anything yet. {@link #run} blocks: it revalidates, rebuilds the catalog, writes the audit
 * record and answers the report; {@code progress} hears each source's outcome as soon as that source
 * is read (config order, on the calling thread, before the next source is fetched). A listener must
 * not throw: a client that went away must not stop the refresh halfway.
 */
public final class RefreshRun {
    private final Function<Consumer<RefreshReport.SourceRefresh>, RefreshReport> body;

    RefreshRun(Function<Consumer<RefreshReport.SourceRefresh>, RefreshReport> body) {
        this.body = body;
    }

    public RefreshReport run(Consumer<RefreshReport.SourceRefresh> progress) {
        return body.apply(progress);
    }
}
