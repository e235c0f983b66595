package dev.switchboard.dispatch.model;

/** Administrative state of a server; only {@link #ACTIVE} servers receive new sessions. */
public enum ServerState {
    /** Takes new sessions and keeps existing ones. */
    ACTIVE,
    /** Takes no new sessions; existing sessions run to their end. */
    DRAINING,
    /** Takes no new sessions; existing sessions are still forwarded (the operator may terminate them). */
    DOWN;

    /** @return whether selection may pick a server in this state for a new session */
    public boolean acceptsNewSessions() {
        return this == ACTIVE;
    }
}
