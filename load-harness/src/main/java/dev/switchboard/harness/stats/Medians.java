package dev.switchboard.harness.stats;

import java.util.Arrays;

/** Medians of repeated runs (benchmark figures are the median of at least three runs). */
public final class Medians {
    private Medians() {
    }

    /**
     * @param values one figure per run
     * @return the median (mean of the two middle values for an even count)
     * @throws IllegalArgumentException when there are no values or one is NaN
     */
    public static double of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("median of no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (Double.isNaN(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException("median of values with NaN: " + Arrays.toString(values));
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
