package dev.switchboard.controller.dispatch;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * Sessions placed per second over a sliding window, from samples of a running total. The total is kept
 * monotonic by the caller even though dispatcher counters restart with their switch connection.
 *
 * <p>Threading: synchronized; one sampler writes about once a second, API requests read.
 */
final class PlacementRate {
    /** How far back the rate looks: long enough to smooth bursts, short enough to follow a load step. */
    static final int WINDOW_SECONDS = 10;
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(WINDOW_SECONDS);

    private final Deque<long[]> samples = new ArrayDeque<>();

    /** Records the running total at a moment of the caller's monotonic clock. */
    synchronized void sample(long nanos, long total) {
        samples.addLast(new long[] {nanos, total});
        // Keep one sample at or beyond the window's start, so the rate always spans the whole window.
        while (samples.size() > 2 && nanos - secondOldest()[0] >= WINDOW_NANOS) {
            samples.removeFirst();
        }
    }

    private long[] secondOldest() {
        var it = samples.iterator();
        it.next();
        return it.next();
    }

    /** @return the rate over the window, 0 before two samples exist */
    synchronized double perSecond() {
        if (samples.size() < 2) {
            return 0.0;
        }
        long[] first = samples.peekFirst();
        long[] last = samples.peekLast();
        long elapsed = last[0] - first[0];
        return elapsed <= 0 ? 0.0 : (last[1] - first[1]) * 1e9 / elapsed;
    }
}
