package dev.switchboard.onos.api;

import com.google.common.collect.ImmutableMap;
import dev.switchboard.dispatch.DispatcherCounters;

import java.util.Map;

/**
 * Cluster-wide figures from the distributed table (sessions, locks, sessions per server) and this node's
 * dispatcher counters, summed.
 */
public final class DispatchStatistics {
    private final int sessions;
    private final int locks;
    private final int tombstones;
    private final Map<String, Integer> sessionsPerServer;
    private final Map<DispatcherCounters.Counter, Long> localCounters;
    private final double sessionsPlacedPerSecond;

    /**
     * @param sessions session entries in the table
     * @param locks client locks in the table
     * @param tombstones removals not yet purged
     * @param sessionsPerServer live sessions per server name
     * @param localCounters the counters of the dispatchers this node runs, summed
     * @param sessionsPlacedPerSecond placements by this node's dispatchers, averaged over the last 10 s
     */
    public DispatchStatistics(int sessions, int locks, int tombstones, Map<String, Integer> sessionsPerServer,
                              Map<DispatcherCounters.Counter, Long> localCounters, double sessionsPlacedPerSecond) {
        this.sessionsPlacedPerSecond = sessionsPlacedPerSecond;
        this.sessions = sessions;
        this.locks = locks;
        this.tombstones = tombstones;
        this.sessionsPerServer = ImmutableMap.copyOf(sessionsPerServer);
        this.localCounters = ImmutableMap.copyOf(localCounters);
    }

    public int sessions() {
        return sessions;
    }

    public int locks() {
        return locks;
    }

    public int tombstones() {
        return tombstones;
    }

    /** @return live sessions per server name (servers without sessions included with 0) */
    public Map<String, Integer> sessionsPerServer() {
        return sessionsPerServer;
    }

    /** @return sessions placed per second by the dispatchers this node runs, over the last 10 s */
    public double sessionsPlacedPerSecond() {
        return sessionsPlacedPerSecond;
    }

    /** @return the counters of the dispatchers this node runs, summed */
    public Map<DispatcherCounters.Counter, Long> localCounters() {
        return localCounters;
    }
}
