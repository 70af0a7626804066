package org.opencli.core.discovery;

/** The bytes of a fetched document, where they came from, and how the cache answered. */
public record FetchedDocument(String location, String contentType, byte[] content, String cacheOutcome, DocumentDependency dependency) {
}
