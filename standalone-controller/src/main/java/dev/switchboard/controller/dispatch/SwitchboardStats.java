package dev.switchboard.controller.dispatch;

import dev.switchboard.dispatch.DispatcherCounters.Counter;
import dev.switchboard.dispatch.model.ServiceCatalog;

import java.util.List;
import java.util.Map;

/**
 * What Switchboard is doing, at one moment.
 *
 * @param activeSessions session entries in the source table (tables mirror each other)
 * @param sessionsPlacedPerSecond placements by all dispatchers, averaged over the last
 *                                {@link PlacementRate#WINDOW_SECONDS} seconds
 * @param locksHeld client locks in the source table
 * @param source the dispatcher whose table was read, or {@code null} when none is running and ready
 * @param dispatchers every configured dispatcher
 * @param activeByServer live sessions per server index, from the source table
 * @param catalog the catalog the figures refer to
 * @param totals every counter summed over the running dispatchers
 */
public record SwitchboardStats(int activeSessions, double sessionsPlacedPerSecond, int locksHeld, Integer source,
                               List<DispatcherStatus> dispatchers, Map<Integer, Integer> activeByServer,
                               ServiceCatalog catalog, Map<Counter, Long> totals) {
    /** Copies the collections. */
    public SwitchboardStats {
        dispatchers = List.copyOf(dispatchers);
        activeByServer = Map.copyOf(activeByServer);
        totals = Map.copyOf(totals);
    }

    /** @return live sessions on the server with this catalog index */
    public int activeSessions(int serverIndex) {
        return activeByServer.getOrDefault(serverIndex, 0);
    }
}
