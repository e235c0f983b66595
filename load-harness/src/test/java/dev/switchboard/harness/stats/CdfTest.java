package dev.switchboard.harness.stats;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;

/** Percentiles, CDF points and medians. */
class CdfTest {
    /** 1..100000 microseconds, each once, recorded in nanoseconds. */
    private static Histogram uniform() {
        Histogram h = new Histogram(60_000_000_000L, 3);
        for (long us = 1; us <= 100_000; us++) {
            h.recordValue(us * 1000);
        }
        return h;
    }

    @Test
    void percentilesOfAUniformDistributionAreWithinTheHistogramResolution() {
        LatencySummary s = LatencySummary.of(uniform());
        assertThat(s.count()).isEqualTo(100_000);
        assertThat(s.p50Micros()).isCloseTo(50_000, within(50_000 * 0.001));
        assertThat(s.p90Micros()).isCloseTo(90_000, within(90_000 * 0.001));
        assertThat(s.p99Micros()).isCloseTo(99_000, within(99_000 * 0.001));
        assertThat(s.p999Micros()).isCloseTo(99_900, within(99_900 * 0.001));
        assertThat(s.maxMicros()).isCloseTo(100_000, within(100_000 * 0.001));
        assertThat(s.meanMicros()).isCloseTo(50_000.5, within(50.0));
    }

    @Test
    void aTailOfOnePercentShowsInP99AndP999ButNotTheMedian() {
        Histogram h = new Histogram(60_000_000_000L, 3);
        h.recordValueWithCount(100_000, 9_900); // 100 us
        h.recordValueWithCount(10_000_000, 100); // 10 ms
        LatencySummary s = LatencySummary.of(h);
        assertThat(s.p50Micros()).isCloseTo(100, within(0.1));
        assertThat(s.p90Micros()).isCloseTo(100, within(0.1));
        assertThat(s.p99Micros()).isCloseTo(100, within(0.1)); // exactly 99% are at 100 us
        assertThat(s.p999Micros()).isCloseTo(10_000, within(10.0));
    }

    @Test
    void cdfPointsRiseFromTheMinimumToTheMaximum() {
        List<double[]> cdf = Cdf.of(uniform(), 1000);
        assertThat(cdf.get(0)).containsExactly(1.0, 0.0);
        double[] last = cdf.get(cdf.size() - 1);
        assertThat(last[1]).isEqualTo(1.0);
        assertThat(last[0]).isCloseTo(100_000, within(100.0));
        for (int i = 1; i < cdf.size(); i++) {
            assertThat(cdf.get(i)[0]).isGreaterThanOrEqualTo(cdf.get(i - 1)[0]);
            assertThat(cdf.get(i)[1]).isGreaterThan(cdf.get(i - 1)[1]);
        }
        // Every point lies on the true CDF of the uniform distribution (value ~ fraction * 100000).
        for (double[] p : cdf) {
            if (p[1] > 0) {
                assertThat(p[0]).isCloseTo(p[1] * 100_000, within(Math.max(2, p[1] * 100_000 * 0.001)));
            }
        }
        assertThat(cdf.stream().filter(p -> p[1] >= 0.99).count()).as("dense tail").isGreaterThanOrEqualTo(10);
    }

    @Test
    void valueAtInterpolatesBetweenPoints() {
        List<double[]> cdf = List.of(new double[] {10, 0}, new double[] {20, 0.5}, new double[] {40, 1});
        assertThat(Cdf.valueAt(cdf, 0)).isEqualTo(10);
        assertThat(Cdf.valueAt(cdf, 0.25)).isEqualTo(15);
        assertThat(Cdf.valueAt(cdf, 0.5)).isEqualTo(20);
        assertThat(Cdf.valueAt(cdf, 0.75)).isEqualTo(30);
        assertThat(Cdf.valueAt(cdf, 1)).isEqualTo(40);
        assertThat(Cdf.valueAt(List.of(), 0.5)).isNaN();
        assertThat(Cdf.valueAt(Cdf.of(uniform(), 1000), 0.99)).isCloseTo(99_000, offset(100.0));
    }

    @Test
    void anEmptyHistogramHasAnEmptySummary() {
        LatencySummary s = LatencySummary.of(new Histogram(1_000_000, 3));
        assertThat(s.count()).isZero();
        assertThat(s.p99Micros()).isZero();
        assertThat(s.cdf()).isEmpty();
    }

    @Test
    void mediansOfOddAndEvenCounts() {
        assertThat(Medians.of(3)).isEqualTo(3);
        assertThat(Medians.of(5, 1, 3)).isEqualTo(3);
        assertThat(Medians.of(4, 1, 3, 2)).isEqualTo(2.5);
        assertThatThrownBy(Medians::of).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Medians.of(1, Double.NaN, 2)).hasMessageContaining("NaN");
    }
}
