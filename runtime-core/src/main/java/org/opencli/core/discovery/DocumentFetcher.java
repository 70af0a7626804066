package org.opencli.core.discovery;

import java.nio.file.Path;

/**
 * Fetches a document by reference: a file path (relative to {@code baseDir}), {@code file://} or
 * http(s). PLACEHOLDER interface shape; the catalog work implements it with the contract's cache.
 */
public interface DocumentFetcher {
    FetchedDocument fetch(String ref, Path baseDir, String accept);
}
