package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** {@code services.<id>}: which source, the CLI alias, and documents layered on top. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceConfig(
        String source,
        String alias,
        List<String> overlays,
        List<String> skills,
        List<String> workflows) {
}
