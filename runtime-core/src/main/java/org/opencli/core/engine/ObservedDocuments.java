package org.opencli.core.engine;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.opencli.core.discovery.DocumentFetcher;
import org.opencli.core.discovery.DocumentLimits;
import org.opencli.core.discovery.FetchRequest;
import org.opencli.core.discovery.FetchedDocument;
import org.opencli.core.observe.EngineObserver;
import org.opencli.core.observe.ObservedStep;
import org.opencli.core.observe.StepKind;

/**
 * The engine's fetcher as one catalog build sees it: every fetch is a {@link StepKind#DOCUMENT_FETCH}
 * step under that build's step, tagged and ended with the cache's outcome ({@code fetched} for a
 * document read without the cache, a local file). Made per observed build, so the parent is explicit,
 * never a thread-local.
 */
final class ObservedDocuments implements DocumentFetcher {
    static final String UNCACHED = "fetched";

    private final DocumentFetcher fetcher;
    private final EngineObserver observer;
    private final ObservedStep build;

    ObservedDocuments(DocumentFetcher fetcher, EngineObserver observer, ObservedStep build) {
        this.fetcher = fetcher;
        this.observer = observer;
        this.build = build;
    }

    @Override
    public FetchedDocument fetch(String ref, Path baseDir, String accept) {
        return observed(() -> fetcher.fetch(ref, baseDir, accept));
    }

    @Override
    public FetchedDocument fetch(FetchRequest request) {
        return observed(() -> fetcher.fetch(request));
    }

    @Override
    public DocumentLimits limits() {
        return fetcher.limits();
    }

    private FetchedDocument observed(Supplier<FetchedDocument> fetch) {
        ObservedStep step = observer.start(StepKind.DOCUMENT_FETCH, build);
        FetchedDocument document;
        try {
            document = fetch.get();
        } catch (RuntimeException e) {
            step.end("error");
            throw e;
        }
        String outcome = document.cacheOutcome() == null ? UNCACHED : document.cacheOutcome();
        step.tag("cache", outcome).end(outcome);
        return document;
    }
}
