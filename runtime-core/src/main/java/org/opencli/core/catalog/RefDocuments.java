package org.opencli.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opencli.core.catalog.openapi.ExternalRefs;
import org.opencli.core.config.SourceConfig;
import org.opencli.core.discovery.FetchedDocument;
import org.opencli.core.discovery.RawDocuments;

/**
 * Loads documents that external {@code $ref}s point to, for one source: through the source's fetcher
 * and freshness policy (so http refs use the cache), each URI once, each read recorded in the
 * {@link DocumentLog} (dependency + fingerprint) and kept for the source's provenance fetches.
 */
final class RefDocuments implements ExternalRefs.Loader {
    private final SourceReader reader;
    private final SourceConfig source;
    private final DocumentLog log;
    private final Map<String, JsonNode> parsed = new HashMap<>();
    private final List<FetchedDocument> fetched = new ArrayList<>();

    RefDocuments(SourceReader reader, SourceConfig source, DocumentLog log) {
        this.reader = reader;
        this.source = source;
        this.log = log;
    }

    @Override
    public JsonNode load(String documentUri) {
        JsonNode tree = parsed.get(documentUri);
        if (tree != null) return tree;
        FetchedDocument doc = log.record(reader.fetcher().fetch(reader.request(source, documentUri, null)));
        fetched.add(doc);
        tree = RawDocuments.parse(doc, reader.fetcher().limits());
        parsed.put(documentUri, tree);
        return tree;
    }

    /** Every document loaded so far, in load order. */
    List<FetchedDocument> fetched() {
        return List.copyOf(fetched);
    }
}
