package org.opencli.fleet;

/** One assertion of a lane, recorded in its rubric. */
public record Check(String name, boolean pass, String detail) {
}
