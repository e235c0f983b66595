package dev.switchboard.onos.api;

import java.util.Map;

/**
 * The loads operators (or their agents) report for servers, shared by every node of the cluster so that every
 * node's least-load selection weighs the same figures. Runtime figures: they are not persisted, and the last
 * report wins.
 */
public interface ServerLoadStore {
    /**
     * Records a report; every node hears of it.
     *
     * @param server the server's name
     * @param load 0.0 (idle) to 1.0 (saturated)
     */
    void report(String server, double load);

    /** Forgets a server's report (the server was removed). */
    void remove(String server);

    /** @return the latest report of every server that has one */
    Map<String, Double> loads();

    /**
     * @param listener told after every accepted change, local or from another node, on the thread that made it
     *     or received it; {@code null} to stop
     */
    void setListener(Runnable listener);
}
