package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A named tool set: tool-id patterns to allow and deny. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolSetConfig(List<String> allow, List<String> deny) {
}
