package dev.switchboard.harness.load;

import java.time.Duration;

/**
 * How a run loads the controller.
 *
 * @param rate connection requests per second (open loop), 0 for closed loop
 * @param outstanding sessions kept in flight (closed loop), 0 for open loop
 * @param warmup sending time excluded from the results
 * @param duration measured sending time after the warm-up; {@code null} to stop on the session limit only
 * @param sessionLimit stop sending after this many sessions (warm-up included); {@link Long#MAX_VALUE} for none
 * @param sessionTimeout a session not set up this long after its request never completes; also how long the
 *                       run waits for sessions in flight after sending stops
 * @param tick open-loop batch interval (and the sweep interval of both modes)
 * @param rampWarmup open loop: the rate rises linearly from 0 to {@code rate} over the warm-up, so that a cold
 *                   controller's JIT compiles under growing load instead of building a backlog that the
 *                   measured seconds would still be draining
 */
public record LoadPlan(double rate, int outstanding, Duration warmup, Duration duration, long sessionLimit,
                       Duration sessionTimeout, Duration tick, boolean rampWarmup) {
    /** A plan whose open-loop warm-up runs at the full rate. */
    public LoadPlan(double rate, int outstanding, Duration warmup, Duration duration, long sessionLimit,
                    Duration sessionTimeout, Duration tick) {
        this(rate, outstanding, warmup, duration, sessionLimit, sessionTimeout, tick, false);
    }

    public LoadPlan {
        if ((rate > 0) == (outstanding > 0)) {
            throw new IllegalArgumentException("give exactly one of --rate (open loop) and --outstanding (closed "
                    + "loop); rate was " + rate + ", outstanding " + outstanding);
        }
        if (rate < 0 || outstanding < 0) {
            throw new IllegalArgumentException("rate and outstanding must be positive: " + rate + ", " + outstanding);
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("--warmup must not be negative: " + warmup);
        }
        if (duration == null && sessionLimit == Long.MAX_VALUE) {
            throw new IllegalArgumentException("give --duration or --sessions: nothing would end the run");
        }
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new IllegalArgumentException("--duration must be positive: " + duration);
        }
        if (sessionLimit < 1) {
            throw new IllegalArgumentException("--sessions must be positive: " + sessionLimit);
        }
        if (sessionTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("--session-timeout must be at least 1 ms: " + sessionTimeout);
        }
        if (tick.toNanos() < 100_000 || tick.toMillis() > 1000) {
            throw new IllegalArgumentException("--batch-interval must be 100 us to 1 s: " + tick);
        }
        if (rampWarmup && (outstanding > 0 || warmup.isZero())) {
            throw new IllegalArgumentException("--ramp-warmup needs --rate and a --warmup to ramp over");
        }
    }

    /**
     * @param elapsedNanos time since sending began
     * @return the connection requests an open-loop run has owed in total by then
     */
    long owedBy(long elapsedNanos) {
        long warmupNanos = warmup.toNanos();
        if (!rampWarmup) {
            return (long) (elapsedNanos * ratePerNano());
        }
        if (elapsedNanos < warmupNanos) {
            return (long) (ratePerNano() * elapsedNanos * ((double) elapsedNanos / (2.0 * warmupNanos)));
        }
        return (long) ((elapsedNanos - warmupNanos / 2.0) * ratePerNano()); // the ramp owed half a warm-up's worth
    }

    boolean isClosedLoop() {
        return outstanding > 0;
    }

    double ratePerNano() {
        return rate / 1e9;
    }

    /** At most ten ticks' worth per tick: after a stall the rate catches up over a few ticks, not in one burst. */
    long maxBatch() {
        return Math.max(1, (long) Math.ceil(rate * tick.toNanos() / 1e9 * 10));
    }

    long warmupNanos() {
        return warmup.toNanos();
    }

    long durationNanos() {
        return duration == null ? Long.MAX_VALUE : duration.toNanos();
    }

    long drainNanos() {
        return sessionTimeout.toNanos();
    }

    long tickMicros() {
        return Math.max(1, tick.toNanos() / 1000);
    }

    /** @return sessions that may be in flight at once: the ring size of the {@link SessionTracker} */
    int trackerCapacity() {
        double inFlight = isClosedLoop() ? outstanding * 2.0
                : rate * (sessionTimeout.toNanos() / 1e9 + tick.toNanos() * 20 / 1e9) + maxBatch();
        return (int) Math.min(1 << 24, Math.max(1024, Math.ceil(inFlight * 1.25)));
    }

    /** @return "open loop at N/s" or "closed loop with N outstanding" */
    String describe() {
        return isClosedLoop() ? "closed loop with " + outstanding + " outstanding"
                : String.format("open loop at %.0f/s", rate) + (rampWarmup ? " (warm-up ramped)" : "");
    }
}
