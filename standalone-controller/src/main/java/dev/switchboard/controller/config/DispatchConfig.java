package dev.switchboard.controller.config;

import dev.switchboard.dispatch.FallbackPolicy;
import dev.switchboard.dispatch.select.SelectionStrategy;

/**
 * Dispatch behaviour shared by every dispatcher ({@code dispatch}).
 *
 * @param strategy how a server is picked for a new session
 * @param lockTtlMillis client lock lifetime; a crashed locker never blocks a client longer
 * @param idleTimeoutSeconds a session idle on every dispatcher this long ends (an OpenFlow idle timeout)
 * @param finLingerMillis after FIN in both directions (or RST) the session ends this much later
 * @param fallback what happens to a non-request packet with no entry and no lock
 * @param expectedSessions live sessions each dispatch table is sized for up front; growing past it doubles the
 *                         table once, which stalls that dispatcher for a time proportional to its size
 * @param maxSessions registers a table may hold before new connection requests are refused; 0 for no limit,
 *                    {@link #HEAP_DERIVED} for what the heap holds
 */
public record DispatchConfig(SelectionStrategy strategy, int lockTtlMillis, int idleTimeoutSeconds,
                             int finLingerMillis, FallbackPolicy fallback, int expectedSessions, int maxSessions) {
    /** Default strategy. */
    public static final SelectionStrategy DEFAULT_STRATEGY = SelectionStrategy.LEAST_LOAD;
    /** Default client lock lifetime. */
    public static final int DEFAULT_LOCK_TTL_MILLIS = 2000;
    /** Default session idle timeout. */
    public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 60;
    /** Default linger after the closing handshake. */
    public static final int DEFAULT_FIN_LINGER_MILLIS = 200;
    /** Default fallback. */
    public static final FallbackPolicy DEFAULT_FALLBACK = FallbackPolicy.DROP;
    /** Default table sizing: about 6 MiB per dispatch table. */
    public static final int DEFAULT_EXPECTED_SESSIONS = 65_536;
    /** {@code maxSessions} when the file does not set it: derived from the heap, see {@link #maxSessionsFor}. */
    public static final int HEAP_DERIVED = -1;
    /**
     * Heap per register and table while a table doubles: the new array (2 x 40 bytes / 0.6) next to the old one.
     */
    static final long PEAK_BYTES_PER_REGISTER = 200;

    /** Largest table sizing accepted. */
    public static final int MAX_EXPECTED_SESSIONS = dev.switchboard.dispatch.DispatchSettings.MAX_EXPECTED_SESSIONS;

    /** Longest lock lifetime accepted: an expired lock leaves a tombstone, which must outlive it. */
    public static final int MAX_LOCK_TTL_MILLIS =
            (int) dev.switchboard.dispatch.DispatchSettings.DEFAULT_TOMBSTONE_RETENTION.toMillis();
    /** Longest idle timeout: OpenFlow idle timeouts are 16-bit seconds. */
    public static final int MAX_IDLE_TIMEOUT_SECONDS = 0xffff;
    /** Longest linger accepted. */
    public static final int MAX_FIN_LINGER_MILLIS = 600_000;

    /** @return every field at its default */
    public static DispatchConfig defaults() {
        return new DispatchConfig(DEFAULT_STRATEGY, DEFAULT_LOCK_TTL_MILLIS, DEFAULT_IDLE_TIMEOUT_SECONDS,
                DEFAULT_FIN_LINGER_MILLIS, DEFAULT_FALLBACK, DEFAULT_EXPECTED_SESSIONS, HEAP_DERIVED);
    }

    /**
     * @param dispatchers tables the controller holds (one per dispatcher, all mirrored)
     * @param maxHeapBytes the JVM's maximum heap
     * @return the limit to apply: the configured one, or for {@link #HEAP_DERIVED} as many registers as half the
     *         heap holds across every table even while one of them doubles (a refused connection is
     *         recoverable, an OutOfMemoryError in the middle of a placement is not)
     */
    public int maxSessionsFor(int dispatchers, long maxHeapBytes) {
        if (maxSessions != HEAP_DERIVED) {
            return maxSessions;
        }
        long derived = maxHeapBytes / 2 / (Math.max(1, dispatchers) * PEAK_BYTES_PER_REGISTER);
        return (int) Math.max(1, Math.min(MAX_EXPECTED_SESSIONS, derived));
    }
}
