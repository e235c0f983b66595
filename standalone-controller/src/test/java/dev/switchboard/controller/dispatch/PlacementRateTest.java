package dev.switchboard.controller.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PlacementRateTest {
    private static long seconds(double s) {
        return (long) (s * TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    @DisplayName("no rate before two samples")
    void needsTwoSamples() {
        PlacementRate rate = new PlacementRate();
        assertThat(rate.perSecond()).isZero();
        rate.sample(seconds(1), 100);
        assertThat(rate.perSecond()).isZero();
    }

    @Test
    @DisplayName("the rate spans the samples of the window")
    void averagesOverTheWindow() {
        PlacementRate rate = new PlacementRate();
        rate.sample(seconds(0), 0);
        rate.sample(seconds(1), 10);
        rate.sample(seconds(2), 40);
        assertThat(rate.perSecond()).isCloseTo(20.0, within(1e-9));
    }

    @Test
    @DisplayName("samples older than the window stop counting: a burst long ago does not linger")
    void forgetsOldSamples() {
        PlacementRate rate = new PlacementRate();
        rate.sample(seconds(0), 0);
        rate.sample(seconds(1), 1000);
        for (int s = 2; s <= 30; s++) {
            rate.sample(seconds(s), 1000 + (s - 1) * 5L);
        }
        assertThat(rate.perSecond()).isCloseTo(5.0, within(1e-9));
    }
}
