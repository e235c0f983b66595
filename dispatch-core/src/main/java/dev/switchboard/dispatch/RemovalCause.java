package dev.switchboard.dispatch;

/** Why a session entry left a table. */
public enum RemovalCause {
    /** FIN seen in both directions. */
    FIN,
    /** RST seen. */
    RESET,
    /** Every live dispatcher reported the session idle. */
    IDLE,
    /** An operator or the API terminated it. */
    OPERATOR,
    /** Its server was removed from the catalog. */
    SERVER_REMOVED,
    /** A peer removed it (the cause is the peer's; the removal arrived by replication). */
    REPLICATED,
    /** A concurrent placement with a higher stamp won (or a lock superseded it). */
    SUPERSEDED
}
