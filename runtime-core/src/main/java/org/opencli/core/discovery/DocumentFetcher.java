package org.opencli.core.discovery;

import java.nio.file.Path;

/**
 * Fetches a document by reference: a file path (relative to {@code baseDir}), {@code file://} or
 * http(s). {@link DocumentFetchers#standard} is the implementation with the contract's cache.
 */
public interface DocumentFetcher {
    FetchedDocument fetch(String ref, Path baseDir, String accept);

    /** The bounds its documents are read and parsed within. */
    default DocumentLimits limits() {
        return DocumentLimits.DEFAULTS;
    }

    /** Fetch with a method and freshness policy; simple fetchers ignore both. */
    default FetchedDocument fetch(FetchRequest request) {
        return fetch(request.ref(), request.baseDir(), request.accept());
    }
}
