package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code agents.profiles.<name>}: a mode and the tool set that shapes its view. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentProfileConfig(String mode, String toolSet) {
}
