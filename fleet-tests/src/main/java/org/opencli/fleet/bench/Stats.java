package org.opencli.fleet.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles over a small sample (nearest-rank). */
final class Stats {
    private Stats() {
    }

    static double percentile(List<Double> samples, double p) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static double median(List<Double> samples) {
        return percentile(samples, 50);
    }
}
