package dev.switchboard.onos.api;

import org.onosproject.event.AbstractEvent;

/** A change of one register in the distributed dispatch table, written by this node or another. */
public final class DispatchStoreEvent extends AbstractEvent<DispatchStoreEvent.Type, TableKey> {
    /** Kinds of change. */
    public enum Type {
        /** A register got a new value (lock, entry, mark or tombstone). */
        REGISTER_WRITTEN,
        /** A tombstone or dead lock was purged; nothing for dispatchers to do. */
        REGISTER_PURGED
    }

    private final TableRegister register;

    /**
     * @param type what happened
     * @param key the register's key
     * @param register the new value, or {@code null} when purged
     */
    public DispatchStoreEvent(Type type, TableKey key, TableRegister register) {
        super(type, key);
        this.register = register;
    }

    /** @return the register's new value, or {@code null} for {@link Type#REGISTER_PURGED} */
    public TableRegister register() {
        return register;
    }
}
