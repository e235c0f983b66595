package dev.switchboard.onos;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * Sessions placed per second over a sliding window, from samples of a running total that the caller keeps
 * monotonic (dispatcher counters restart with their agent). Not thread-safe: the manager synchronizes on it.
 */
final class PlacementRate {
    /** How often the manager samples. */
    static final long SAMPLE_PERIOD_MILLIS = 1000;
    /** How far back the rate looks: long enough to smooth bursts, short enough to follow a load step. */
    static final int WINDOW_SECONDS = 10;
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(WINDOW_SECONDS);

    private final Deque<long[]> samples = new ArrayDeque<>();

    /** Records the running total at a moment of a monotonic clock. */
    void sample(long nanos, long total) {
        samples.addLast(new long[] {nanos, total});
        // Keep one sample at or before the window's start, so that the rate spans the whole window.
        while (samples.size() > 2 && nanos - secondOldest()[0] >= WINDOW_NANOS) {
            samples.removeFirst();
        }
    }

    private long[] secondOldest() {
        Iterator<long[]> it = samples.iterator();
        it.next();
        return it.next();
    }

    /** @return the rate over the window; 0 before there are two samples */
    double perSecond() {
        if (samples.size() < 2) {
            return 0.0;
        }
        long[] first = samples.peekFirst();
        long[] last = samples.peekLast();
        long elapsed = last[0] - first[0];
        return elapsed <= 0 ? 0.0 : (last[1] - first[1]) * 1e9 / elapsed;
    }
}
