package org.opencli.core.discovery;

import java.util.List;

/** What discovering one source found, and every document fetched on the way (for provenance). */
public record Discovery(List<DiscoveredService> services, List<FetchedDocument> fetches) {
}
