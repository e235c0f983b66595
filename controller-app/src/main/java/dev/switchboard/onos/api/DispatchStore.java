package dev.switchboard.onos.api;

import org.onosproject.store.Store;

import java.util.Map;

/**
 * The dispatch table shared by every dispatcher of every ONOS node: one register per session key. Writes are
 * broadcast to the other nodes and repaired by anti-entropy (the patent's broadcast of table updates); reads
 * are local. The delegate hears every accepted write, local or remote.
 */
public interface DispatchStore extends Store<DispatchStoreEvent, DispatchStoreDelegate> {
    /**
     * Writes a register. A value older (by stamp) than the current one is ignored; an equal stamp replaces it
     * (marks of the same entry carry its stamp and only add bits, see docs/onos.md).
     */
    void put(TableKey key, TableRegister register);

    /** @return the register's current value on this node, or {@code null} */
    TableRegister get(TableKey key);

    /** @return a copy of every register this node holds */
    Map<TableKey, TableRegister> registers();

    /** @return the number of registers this node holds, tombstones included */
    int size();

    /**
     * Drops a register for good, unless it was overwritten meanwhile (a newer stamp survives).
     *
     * @param key the register's key
     * @param register the value being purged (a tombstone or a dead lock)
     */
    void purge(TableKey key, TableRegister register);
}
