package dev.switchboard.dispatch.table;

/** What a table register holds for a session key. */
public enum RegisterState {
    /** Nothing: the slot is free. */
    EMPTY,
    /** A client lock: some dispatcher is selecting a server for this client. */
    LOCK,
    /** A session entry: the client is served by a selected server. */
    ENTRY,
    /** A removed entry or an expired lock, kept for a while so late deliveries cannot resurrect it. */
    TOMBSTONE;

    private static final RegisterState[] VALUES = values();

    /** @return the state with this ordinal */
    public static RegisterState of(int ordinal) {
        return VALUES[ordinal];
    }
}
