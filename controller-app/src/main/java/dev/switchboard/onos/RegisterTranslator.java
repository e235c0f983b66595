package dev.switchboard.onos;

import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.replication.DispatchUpdate;
import dev.switchboard.onos.api.RegisterKind;
import dev.switchboard.onos.api.TableRegister;

/**
 * Converts between dispatch-core's updates and the store's registers. The store names servers; updates carry
 * the catalog index of this node, so conversion goes through this node's catalog.
 */
final class RegisterTranslator {
    private RegisterTranslator() {
    }

    /**
     * @param update what a local dispatcher broadcast
     * @param catalog this node's catalog
     * @param writer the broadcasting dispatcher
     * @param node this node's id
     * @param nowMillis wall-clock time
     * @return the register to store, or {@code null} when there is nothing to store (end of sync, or an entry
     *     for a server this catalog no longer has)
     */
    static TableRegister toRegister(DispatchUpdate update, ServiceCatalog catalog, int writer, String node,
                                    long nowMillis) {
        switch (update.kind()) {
            case LOCK:
                return TableRegister.lock(update.stamp(), writer, node, nowMillis);
            case PLACE:
            case MARK: {
                Server server = catalog.server(update.server());
                return server == null ? null : TableRegister.entry(update.stamp(), server.name(), update.flags(),
                        update.idleMask(), writer, node, nowMillis);
            }
            case REMOVE:
                return TableRegister.tombstone(update.stamp(), writer, node, nowMillis);
            default:
                return null;
        }
    }

    /**
     * @param high packed key, high half
     * @param low packed key, low half
     * @param register a stored register
     * @param catalog this node's catalog
     * @return the update to deliver to a local dispatcher, or {@code null} when the entry's server is not in
     *     this node's catalog (configuration not yet applied here)
     */
    static DispatchUpdate toUpdate(long high, long low, TableRegister register, ServiceCatalog catalog) {
        if (register.kind() == RegisterKind.LOCK) {
            return DispatchUpdate.lock(high, low, register.stamp());
        }
        if (register.kind() == RegisterKind.TOMBSTONE) {
            return DispatchUpdate.remove(high, low, register.stamp());
        }
        Server server = catalog.server(register.server());
        if (server == null) {
            return null;
        }
        return DispatchUpdate.place(high, low, register.stamp(), server.index(), register.flags(),
                register.idleMask());
    }
}
