package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code services.<id>}: which source, the CLI alias, documents layered on top, and {@code baseURL}
 * (an absolute http(s) URL that replaces the catalog's servers when executing).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceConfig(
        String source,
        String alias,
        List<String> overlays,
        List<String> skills,
        List<String> workflows,
        String baseURL) {
}
