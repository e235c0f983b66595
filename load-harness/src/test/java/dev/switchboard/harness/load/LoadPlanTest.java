package dev.switchboard.harness.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The open-loop schedule: constant rate, or a linear ramp over the warm-up that then joins the constant rate. */
class LoadPlanTest {
    private static final long SECOND = 1_000_000_000L;

    private static LoadPlan openLoop(boolean ramp) {
        return new LoadPlan(10_000, 0, Duration.ofSeconds(4), Duration.ofSeconds(10), Long.MAX_VALUE,
                Duration.ofSeconds(5), Duration.ofMillis(1), ramp);
    }

    @Test
    void withoutRampTheRateIsConstantFromTheStart() {
        LoadPlan plan = openLoop(false);
        assertThat(plan.owedBy(SECOND)).isEqualTo(10_000);
        assertThat(plan.owedBy(6 * SECOND)).isEqualTo(60_000);
    }

    @Test
    void theRampOwesHalfAWarmUpAndThenRunsAtTheFullRate() {
        LoadPlan plan = openLoop(true);
        assertThat(plan.owedBy(0)).isZero();
        assertThat(plan.owedBy(4 * SECOND)).as("area of the ramp: 10k/s * 4 s / 2").isEqualTo(20_000);
        assertThat(plan.owedBy(SECOND) - plan.owedBy(SECOND - SECOND / 100))
                .as("rate a quarter into the ramp, per 10 ms").isCloseTo(25, within(1L));
        assertThat(plan.owedBy(5 * SECOND) - plan.owedBy(4 * SECOND)).as("full rate after the ramp")
                .isEqualTo(10_000);
        long last = -1;
        for (long t = 0; t <= 8 * SECOND; t += SECOND / 1000) {
            long owed = plan.owedBy(t);
            assertThat(owed).as("never decreasing at %d ns", t).isGreaterThanOrEqualTo(last);
            last = owed;
        }
    }

    @Test
    void aRampNeedsAnOpenLoopAndAWarmUp() {
        assertThatThrownBy(() -> new LoadPlan(0, 10, Duration.ofSeconds(1), Duration.ofSeconds(1), Long.MAX_VALUE,
                Duration.ofSeconds(5), Duration.ofMillis(1), true)).hasMessageContaining("--ramp-warmup needs --rate");
        assertThatThrownBy(() -> new LoadPlan(100, 0, Duration.ZERO, Duration.ofSeconds(1), Long.MAX_VALUE,
                Duration.ofSeconds(5), Duration.ofMillis(1), true)).hasMessageContaining("a --warmup");
    }
}
