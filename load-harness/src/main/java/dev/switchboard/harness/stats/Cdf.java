package dev.switchboard.harness.stats;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/**
 * Cumulative distributions as point lists {@code [value, fraction]}: the value below or at which the given
 * fraction of the recorded values lie. Points are dense in the tail (where latency targets live) and sparse in
 * the body, so a few hundred points draw a faithful curve at any scale.
 */
public final class Cdf {
    private static final double[] FRACTIONS = fractions();

    private Cdf() {
    }

    private static double[] fractions() {
        List<Double> list = new ArrayList<>();
        for (int i = 0; i <= 90; i++) {
            list.add(i / 100.0);
        }
        for (int i = 1; i <= 18; i++) {
            list.add(0.90 + i * 0.005);
        }
        for (int i = 1; i <= 9; i++) {
            list.add(0.99 + i * 0.001);
        }
        for (int i = 1; i <= 9; i++) {
            list.add(0.999 + i * 0.0001);
        }
        list.add(0.99995);
        list.add(0.99999);
        list.add(1.0);
        double[] fractions = new double[list.size()];
        for (int i = 0; i < fractions.length; i++) {
            fractions[i] = list.get(i);
        }
        return fractions;
    }

    /**
     * @param histogram recorded values
     * @param unit divisor turning recorded values into the reported unit (1000 for nanoseconds to microseconds)
     * @return points {@code [value / unit, fraction]} with non-decreasing values; the first is the minimum
     *         (fraction 0), the last the maximum (fraction 1); empty for an empty histogram
     */
    public static List<double[]> of(Histogram histogram, double unit) {
        List<double[]> points = new ArrayList<>();
        if (histogram.getTotalCount() == 0) {
            return points;
        }
        double previous = Double.NEGATIVE_INFINITY;
        for (double f : FRACTIONS) {
            long raw;
            if (f == 0) {
                raw = histogram.getMinValue();
            } else if (f == 1) {
                raw = histogram.getMaxValue();
            } else {
                raw = histogram.getValueAtPercentile(f * 100);
            }
            // The histogram reports bucket-equivalent values; never let the curve step back.
            double value = Math.max(previous, raw / unit);
            points.add(new double[] {value, f});
            previous = value;
        }
        return points;
    }

    /**
     * @param points a CDF
     * @param fraction 0..1
     * @return the smallest value whose fraction is at least {@code fraction}, linearly interpolated between points;
     *         NaN for an empty CDF
     */
    public static double valueAt(List<double[]> points, double fraction) {
        if (points.isEmpty()) {
            return Double.NaN;
        }
        double[] previous = points.get(0);
        if (fraction <= previous[1]) {
            return previous[0];
        }
        for (double[] p : points) {
            if (p[1] >= fraction) {
                double span = p[1] - previous[1];
                double t = span == 0 ? 1 : (fraction - previous[1]) / span;
                return previous[0] + t * (p[0] - previous[0]);
            }
            previous = p;
        }
        return previous[0];
    }
}
