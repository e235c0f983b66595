package dev.switchboard.harness.stats;

import org.HdrHistogram.Histogram;

import java.util.List;

/**
 * Percentiles and the CDF of one latency distribution, in microseconds, as written to the result JSON.
 *
 * @param count recorded values
 * @param meanMicros mean
 * @param p50Micros median
 * @param p90Micros 90th percentile
 * @param p99Micros 99th percentile
 * @param p999Micros 99.9th percentile
 * @param maxMicros largest value
 * @param cdf {@link Cdf} points {@code [micros, fraction]}, ascending
 */
public record LatencySummary(long count, double meanMicros, double p50Micros, double p90Micros, double p99Micros,
                             double p999Micros, double maxMicros, List<double[]> cdf) {
    private static final double NANOS_PER_MICRO = 1000.0;

    /**
     * @param nanos a histogram of nanoseconds
     * @return its summary; all zeros and an empty CDF when nothing was recorded
     */
    public static LatencySummary of(Histogram nanos) {
        if (nanos.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0, List.of());
        }
        return new LatencySummary(nanos.getTotalCount(),
                nanos.getMean() / NANOS_PER_MICRO,
                micros(nanos, 50),
                micros(nanos, 90),
                micros(nanos, 99),
                micros(nanos, 99.9),
                nanos.getMaxValue() / NANOS_PER_MICRO,
                Cdf.of(nanos, NANOS_PER_MICRO));
    }

    private static double micros(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / NANOS_PER_MICRO;
    }
}
