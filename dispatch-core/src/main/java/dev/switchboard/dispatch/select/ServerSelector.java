package dev.switchboard.dispatch.select;

import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServerGroup;
import dev.switchboard.dispatch.model.ServiceCatalog;

/**
 * Chooses the server for a new session among the members of the service's own group (claim 43).
 *
 * <p>Threading: an instance belongs to one dispatcher and is confined to its thread; strategies may
 * keep state (round-robin positions, lookup tables) without synchronization.
 */
public interface ServerSelector {
    /**
     * @param group the group serving the session's VIP:port
     * @param catalog the snapshot the group belongs to (server states, weights, reported loads)
     * @param load live sessions per server
     * @param keyHigh packed session key, high half (hash input for consistent strategies)
     * @param keyLow packed session key, low half
     * @return an eligible server, or {@code null} when the group has none
     */
    Server select(ServerGroup group, ServiceCatalog catalog, LoadView load, long keyHigh, long keyLow);
}
