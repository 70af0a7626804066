package org.opencli.fleet;

/** A row of {@code fleet-tests/matrix.json}. */
public record LaneSpec(String lane, String capability, String laneClass, boolean ciSafe, String description) {
}
