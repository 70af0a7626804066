package org.opencli.fleet.bench;

import java.util.List;
import java.util.Map;

/** One bench-cli row: the command, its environment, its target ratio (null: reported only) and peak RSS limit. */
record CliRow(String name, List<String> command, Map<String, String> env, Double targetRatio, Long rssLimitKib) {
}
