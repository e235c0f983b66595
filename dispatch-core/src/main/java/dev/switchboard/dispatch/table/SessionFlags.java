package dev.switchboard.dispatch.table;

/**
 * Observations about a session that only accumulate while its entry lives, so they merge by OR
 * across dispatchers (a join-semilattice, like the idle bit set).
 */
public final class SessionFlags {
    /** The client sent FIN. */
    public static final int CLIENT_FIN = 1;
    /** The server sent FIN. */
    public static final int SERVER_FIN = 2;
    /** Either side sent RST. */
    public static final int RESET = 4;

    private SessionFlags() {
    }

    /** @return whether the session is over from the transport's point of view */
    public static boolean closed(int flags) {
        return (flags & RESET) != 0 || (flags & (CLIENT_FIN | SERVER_FIN)) == (CLIENT_FIN | SERVER_FIN);
    }
}
