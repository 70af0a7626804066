package org.opencli.core.discovery;

import java.nio.file.Path;
import java.time.Clock;

/** Factory for the standard fetcher: local files, file:// and http(s) through the on-disk cache. */
public final class DocumentFetchers {
    /** Remote documents younger than this are served from cache without asking the server. */
    public static final int DEFAULT_MAX_AGE_SECONDS = 300;

    private DocumentFetchers() {
    }

    public static DocumentFetcher standard(Path cacheDir, Clock clock) {
        return standard(cacheDir, clock, DocumentLimits.DEFAULTS);
    }

    public static DocumentFetcher standard(Path cacheDir, Clock clock, DocumentLimits limits) {
        return new StandardDocumentFetcher(new HttpDocumentCache(cacheDir), HttpTransport.create(limits), clock, limits);
    }
}
