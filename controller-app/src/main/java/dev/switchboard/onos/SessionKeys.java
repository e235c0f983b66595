package dev.switchboard.onos;

import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServerGroup;
import dev.switchboard.dispatch.model.Service;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.SessionKey;

/** Finds the session a server's reply belongs to (replies carry the server's address, not the VIP). */
final class SessionKeys {
    private SessionKeys() {
    }

    /**
     * @param catalog the services and servers
     * @param protocol the reply's transport
     * @param serverAddress the reply's source address
     * @param serverPort the reply's source port (the service port)
     * @param clientAddress the reply's destination address
     * @param clientPort the reply's destination port
     * @return the session, or {@code null} when no service of a group holding that server listens on the port
     */
    static SessionKey ofReply(ServiceCatalog catalog, Protocol protocol, int serverAddress, int serverPort,
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
