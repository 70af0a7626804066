package org.opencli.fleet;

/** One named end-to-end scenario run against real processes. */
public interface Lane {
    void run(LaneContext ctx) throws Exception;
}
