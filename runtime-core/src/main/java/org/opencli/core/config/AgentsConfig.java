package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** {@code agents}: named profiles and the default one. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AgentsConfig(Map<String, AgentProfileConfig> profiles, String defaultProfile) {
}
