package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code services.<id>}: which source, the CLI alias, documents layered on top, {@code baseURL}
 * (an absolute http(s) URL that replaces the catalog's servers when executing) and
 * {@code timeouts} for calls to this service's upstream (engine defaults when absent).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceConfig(
        String source,
        String alias,
        List<String> overlays,
        List<String> skills,
        List<String> workflows,
        String baseURL,
        ServiceTimeouts timeouts) {
}
