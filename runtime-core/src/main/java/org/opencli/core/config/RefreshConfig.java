package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code sources.<id>.refresh}; replaced whole when scopes merge. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RefreshConfig(Integer maxAgeSeconds, Boolean manualOnly) {
}
