package org.opencli.core.catalog.openapi;

import java.util.List;
import org.opencli.core.catalog.Tool;

/** What one OpenAPI document yields: its title and servers, its tools, and its ignored operations. */
public record IndexedDocument(String title, List<String> servers, List<Tool> tools, List<IgnoredOperation> ignored) {
}
