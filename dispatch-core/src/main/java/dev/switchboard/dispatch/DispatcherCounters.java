package dev.switchboard.dispatch;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A dispatcher's counters. One writer (the dispatcher's thread) increments with lazySet, so counting
 * costs no fence on the packet path; any thread may read a recent value.
 */
public final class DispatcherCounters {
    /** What is counted. */
    public enum Counter {
        /** Packets forwarded by an existing entry. */
        FORWARDED_BY_ENTRY,
        /** Sessions this dispatcher placed (connection requests). */
        SESSIONS_PLACED,
        /** Sessions adopted by the consistent-hash fallback. */
        SESSIONS_ADOPTED,
        /** Client locks this dispatcher placed. */
        LOCKS_PLACED,
        /** Packets sent on to the dispatcher holding a foreign lock. */
        LOCK_REDIRECTS,
        /** Locks that expired before their entry arrived. */
        LOCKS_EXPIRED,
        /** Non-request packets with no entry or lock, dropped. */
        FALLBACK_DROPS,
        /** Packets to a VIP port no service listens on. */
        NOT_A_SERVICE,
        /** Requests for a group with no eligible server. */
        NO_SERVER,
        /** Packets refused while the bulk sync was running. */
        NOT_READY,
        /** Peer updates merged into the table. */
        UPDATES_APPLIED,
        /** Peer updates older than the register (late or repeated deliveries). */
        UPDATES_STALE,
        /** Concurrent placements this table resolved by stamp. */
        CONFLICTS_RESOLVED,
        /** Entries this dispatcher removed (any cause). */
        SESSIONS_REMOVED,
        /** Entries refreshed after this dispatcher saw traffic again following its idle report. */
        SESSIONS_REFRESHED,
        /** FIN/RST or idle reports from this dispatcher's switch for a key with no entry here. */
        TERMINATIONS_UNMATCHED,
        /** Of those FIN/RST, applied when the session's placement arrived after them (replication lag). */
        TERMINATIONS_APPLIED_LATE,
        /** Connection requests refused because the table held {@code maxSessions} registers. */
        TABLE_FULL
    }

    private static final Counter[] COUNTERS = Counter.values();
    private final AtomicLongArray values = new AtomicLongArray(COUNTERS.length);

    void increment(Counter counter) {
        int i = counter.ordinal();
        values.lazySet(i, values.get(i) + 1);
    }

    /** @return a recent value of the counter */
    public long get(Counter counter) {
        return values.get(counter.ordinal());
    }

    /** @return every counter's recent value */
    public Map<Counter, Long> snapshot() {
        Map<Counter, Long> result = new EnumMap<>(Counter.class);
        for (Counter c : COUNTERS) {
            result.put(c, get(c));
        }
        return result;
    }
}
