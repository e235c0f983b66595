package dev.switchboard.controller.openflow;

import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The connections that completed the handshake, by datapath id. Safe to read from any thread; a
 * connection is present from just before {@link SwitchListener#switchReady} until just before
 * {@link SwitchListener#switchDisconnected}.
 */
public final class SwitchRegistry {
    private final ConcurrentMap<Long, SwitchConnection> ready = new ConcurrentHashMap<>();

    /** @return the ready connection of this datapath, or {@code null} */
    public SwitchConnection get(long dpid) {
        return ready.get(dpid);
    }

    /** @return the ready connection of this datapath, if any */
    public Optional<SwitchConnection> find(long dpid) {
        return Optional.ofNullable(ready.get(dpid));
    }

    /** @return a live, unmodifiable view of the ready connections */
    public Collection<SwitchConnection> all() {
        return Collections.unmodifiableCollection(ready.values());
    }

    /** @return the number of ready connections */
    public int size() {
        return ready.size();
    }

    /**
     * Adds a connection, replacing any connection of the same datapath.
     *
     * @return the replaced connection, which the caller closes, or {@code null}
     */
    SwitchConnection register(SwitchConnection connection) {
        return ready.put(connection.dpid(), connection);
    }

    /** Removes this connection, but not a newer one that already replaced it. */
    boolean unregister(SwitchConnection connection) {
        return ready.remove(connection.dpid(), connection);
    }
}
