package dev.switchboard.dispatch.select;

import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServerGroup;
import dev.switchboard.dispatch.model.ServiceCatalog;

import java.util.HashMap;
import java.util.Map;

/**
 * Smooth weighted round-robin (the nginx algorithm): every pick raises each eligible server's current
 * weight by its weight and lowers the winner's by the total, which interleaves heavy and light servers
 * instead of sending bursts.
 */
public final class WeightedRoundRobinSelector implements ServerSelector {
    private final Map<ServerGroup, int[]> currentWeights = new HashMap<>();

    @Override
    public Server select(ServerGroup group, ServiceCatalog catalog, LoadView load, long keyHigh, long keyLow) {
        int[] current = currentWeights.computeIfAbsent(group, g -> new int[g.size()]);
        int total = 0;
        int bestPosition = -1;
        for (int i = 0; i < group.size(); i++) {
            Server candidate = catalog.server(group.memberAt(i));
            if (candidate == null || !candidate.state().acceptsNewSessions()) {
                continue;
            }
            current[i] += candidate.weight();
            total += candidate.weight();
            if (bestPosition < 0 || current[i] > current[bestPosition]) {
                bestPosition = i;
            }
        }
        if (bestPosition < 0) {
            return null;
        }
        current[bestPosition] -= total;
        return catalog.server(group.memberAt(bestPosition));
    }
}
