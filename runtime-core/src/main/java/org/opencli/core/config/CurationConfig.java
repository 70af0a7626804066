package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** {@code curation.toolSets}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CurationConfig(Map<String, ToolSetConfig> toolSets) {
}
