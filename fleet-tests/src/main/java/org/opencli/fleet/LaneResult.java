package org.opencli.fleet;

import java.util.List;

/** The rubric of one lane run: {@code target/fleet/<lane>/rubric.json}. */
public record LaneResult(String lane, String capability, boolean pass, List<Check> checks, List<String> artifacts, String error) {
}
