package org.opencli.core.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** Agent guidance from a skill manifest. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"whenToUse", "avoidWhen", "examples"})
public record Guidance(List<String> whenToUse, List<String> avoidWhen, List<Example> examples) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"goal", "command"})
    public record Example(String goal, String command) {
    }
}
