package dev.switchboard.onos.api;

/** What a dispatch-table register in the store holds. */
public enum RegisterKind {
    /** A client lock: a dispatcher is selecting a server for this client (claims 32-38). */
    LOCK,
    /** A session entry: the client's session goes to a server. */
    ENTRY,
    /** A removed entry or lock, kept until no late update can resurrect it, then purged. */
    TOMBSTONE
}
