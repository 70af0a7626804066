package org.opencli.core.discovery;

import java.util.List;

/** One API found by discovery: its OpenAPI description and the documents its metadata adds. */
public record DiscoveredService(String root, FetchedDocument openapi, List<FetchedDocument> overlays,
        List<FetchedDocument> skills, List<FetchedDocument> workflows) {
}
