package dev.switchboard.dispatch;

import dev.switchboard.dispatch.model.Server;

/**
 * A dispatcher's decision for one packet. Immutable; drops and per-dispatcher redirections are
 * shared constants, so the common paths do not allocate.
 */
public final class Verdict {
    /** Where the packet goes. */
    public enum Action {
        /** To the selected server, VIP rewritten to the server's address (claims 21, 22, 45). */
        FORWARD_TO_SERVER,
        /** To the dispatcher holding the client lock (claims 32, 36, 44). */
        FORWARD_TO_DISPATCHER,
        /** Nowhere; {@link #dropReason()} says why. */
        DROP
    }

    /** Why a packet was dropped. */
    public enum DropReason {
        /** The destination is no service's VIP:port/protocol. */
        NOT_A_SERVICE,
        /** Not a connection request, and no entry or lock (fallback policy DROP). */
        NO_SESSION,
        /** The service's group has no server accepting new sessions. */
        NO_SERVER,
        /** The entry names a server that was removed from the catalog; the entry was removed too. */
        SERVER_GONE,
        /** The dispatcher has not finished its bulk sync and must not decide yet. */
        NOT_READY,
        /** The dispatch table holds {@code maxSessions} registers: no new session until some end. */
        TABLE_FULL
    }

    private static final Verdict[] DROPS = new Verdict[DropReason.values().length];
    private static final Verdict[] TO_DISPATCHER = new Verdict[dev.switchboard.dispatch.model.DispatcherId.MAX + 1];

    static {
        for (DropReason r : DropReason.values()) {
            DROPS[r.ordinal()] = new Verdict(Action.DROP, null, -1, r);
        }
        for (int d = 0; d < TO_DISPATCHER.length; d++) {
            TO_DISPATCHER[d] = new Verdict(Action.FORWARD_TO_DISPATCHER, null, d, null);
        }
    }

    private final Action action;
    private final Server server;
    private final int dispatcher;
    private final DropReason dropReason;

    private Verdict(Action action, Server server, int dispatcher, DropReason dropReason) {
        this.action = action;
        this.server = server;
        this.dispatcher = dispatcher;
        this.dropReason = dropReason;
    }

    /** @return a forward to this server */
    public static Verdict toServer(Server server) {
        return new Verdict(Action.FORWARD_TO_SERVER, server, -1, null);
    }

    /** @return a forward to the locking dispatcher */
    public static Verdict toDispatcher(int dispatcherId) {
        return TO_DISPATCHER[dispatcherId];
    }

    /** @return a drop */
    public static Verdict drop(DropReason reason) {
        return DROPS[reason.ordinal()];
    }

    public Action action() {
        return action;
    }

    /** @return the server for FORWARD_TO_SERVER, else {@code null} */
    public Server server() {
        return server;
    }

    /** @return the locking dispatcher for FORWARD_TO_DISPATCHER, else -1 */
    public int dispatcher() {
        return dispatcher;
    }

    /** @return the reason for DROP, else {@code null} */
    public DropReason dropReason() {
        return dropReason;
    }

    @Override
    public String toString() {
        switch (action) {
            case FORWARD_TO_SERVER:
                return "-> " + server.name();
            case FORWARD_TO_DISPATCHER:
                return "-> dispatcher " + dispatcher;
            default:
                return "drop (" + dropReason + ")";
        }
    }
}
