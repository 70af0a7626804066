package org.opencli.core.catalog;

import java.time.Clock;
import org.opencli.core.config.LoadedConfig;
import org.opencli.core.discovery.DocumentFetcher;

/** Config + sources → catalog. PLACEHOLDER: implemented in the catalog work. */
public final class CatalogBuilder {
    private final DocumentFetcher fetcher;
    private final Clock clock;

    public CatalogBuilder(DocumentFetcher fetcher, Clock clock) {
        this.fetcher = fetcher;
        this.clock = clock;
    }

    public CatalogBuild build(LoadedConfig config) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
