package dev.switchboard.controller.dispatch;

import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServerGroup;
import dev.switchboard.dispatch.model.Service;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.SessionKey;

/**
 * Finds the session a server-to-client packet belongs to. Replies carry the server's address, not the
 * VIP; the VIP is the one service the server serves on that port (flow-rules refuses catalogs where a
 * server port serves two VIPs, for the same reason).
 */
final class ReplyKeys {
    private ReplyKeys() {
    }

    /** @return the session key, or {@code null} when the source is no server's service port */
    static SessionKey of(ServiceCatalog catalog, Protocol protocol, int serverAddress, int serverPort,
                         int clientAddress, int clientPort) {
        Server server = catalog.serverAt(serverAddress);
        if (server == null) {
            return null;
        }
        for (Service service : catalog.services()) {
            if (service.id().protocol() != protocol || service.id().port() != serverPort) {
                continue;
            }
            ServerGroup group = catalog.group(service.group());
            if (group != null && group.members().contains(server.index())) {
                return SessionKey.of(protocol, clientAddress, clientPort, service.id().vip(), serverPort);
            }
        }
        return null;
    }
}
