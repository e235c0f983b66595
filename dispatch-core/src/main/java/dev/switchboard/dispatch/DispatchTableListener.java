package dev.switchboard.dispatch;

import dev.switchboard.dispatch.table.ClientLock;
import dev.switchboard.dispatch.table.SessionEntry;

/**
 * What a runtime mirrors into the data plane: every change of a dispatcher's table, local or
 * replicated. Called on the dispatcher's thread, after the table changed; implementations must not
 * block (queue the switch programming, do not wait for it).
 */
public interface DispatchTableListener {
    /** A listener that ignores everything. */
    DispatchTableListener NONE = new DispatchTableListener() {
    };

    /** An entry was placed or replaced (new server or refreshed): install or overwrite its rule. */
    default void sessionPlaced(SessionEntry entry) {
    }

    /** An entry was removed: delete its rule. */
    default void sessionRemoved(SessionEntry entry, RemovalCause cause) {
    }

    /** A foreign or own client lock appeared: redirect the client's packets to the locker. */
    default void lockPlaced(ClientLock lock) {
    }

    /** A lock ended (superseded by the entry, removed or expired). */
    default void lockRemoved(ClientLock lock) {
    }
}
