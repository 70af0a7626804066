package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code mode.default}: {@code discover} or {@code curated}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModeConfig(@JsonProperty("default") String defaultMode) {
}
