package org.opencli.fleet.bench;

import java.util.List;
import java.util.Map;

/**
 * One bench-cli row: the command, its environment, its target ratio (null: reported only), peak RSS
 * limit, and a command run unmeasured after each measured run (null: none), e.g. to stop the daemon
 * a row's call started so the next round starts it again.
 */
record CliRow(String name, List<String> command, Map<String, String> env, Double targetRatio, Long rssLimitKib,
        List<String> after) {
    CliRow(String name, List<String> command, Map<String, String> env, Double targetRatio, Long rssLimitKib) {
        this(name, command, env, targetRatio, rssLimitKib, null);
    }
}
