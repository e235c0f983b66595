package dev.switchboard.dispatch.select;

import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServerGroup;
import dev.switchboard.dispatch.model.ServiceCatalog;

/**
 * Least-load selection (claim 42): the score of a server is its live sessions plus the new one, per
 * unit of weight, scaled up by the load the server reports. Ties rotate so that a burst of short
 * connections (all scores equal) still spreads evenly instead of piling onto the first member.
 */
public final class LeastLoadSelector implements ServerSelector {
    /** A server reporting full load (1.0) scores as if it carried this many times its sessions, plus one. */
    static final double LOAD_PENALTY = 4.0;

    private int rotation;

    @Override
    public Server select(ServerGroup group, ServiceCatalog catalog, LoadView load, long keyHigh, long keyLow) {
        int size = group.size();
        Server best = null;
        double bestScore = Double.MAX_VALUE;
        int start = Math.floorMod(rotation++, Math.max(size, 1));
        for (int i = 0; i < size; i++) {
            Server candidate = catalog.server(group.memberAt((start + i) % size));
            if (candidate == null || !candidate.state().acceptsNewSessions()) {
                continue;
            }
            double score = (load.activeSessions(candidate.index()) + 1.0) / candidate.weight()
                    * (1.0 + LOAD_PENALTY * candidate.reportedLoad());
            if (score < bestScore) {
                bestScore = score;
                best = candidate;
            }
        }
        return best;
    }
}
