package dev.switchboard.onos.api;

import dev.switchboard.dispatch.model.ServerState;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.onos.config.ServerSpec;
import dev.switchboard.onos.config.ServiceSpec;

/**
 * Changes to the load balancer. Configuration changes are written through ONOS network configuration, so that
 * every node applies them and ONOS persists them; each is validated first and, when invalid, changes nothing
 * and throws an {@link IllegalArgumentException} naming the problem.
 */
public interface DispatchAdminService extends DispatchService {
    /**
     * Ends a session (or a pending client lock) on every dispatcher.
     *
     * @return whether there was a session or lock to end
     */
    boolean terminate(SessionKey key);

    /**
     * Adds a server, optionally as a member of an existing group.
     *
     * @param server the server
     * @param group a group to add it to, or {@code null}
     * @throws IllegalArgumentException when the name, address or port is taken, or the group is unknown
     * @throws IllegalStateException when no configuration is present yet
     */
    void addServer(ServerSpec server, String group);

    /**
     * Removes a server from every group and from the configuration; its sessions end when the dispatchers
     * see it gone.
     *
     * @throws IllegalArgumentException when no server has that name
     */
    void removeServer(String name);

    /**
     * @throws IllegalArgumentException when no server has that name or the weight is out of range
     */
    void setServerWeight(String name, int weight);

    /**
     * Drains ({@link ServerState#DRAINING}), takes down or reactivates a server.
     *
     * @throws IllegalArgumentException when no server has that name
     */
    void setServerState(String name, ServerState state);

    /**
     * @throws IllegalArgumentException when the name or VIP:port/protocol is taken or the group is unknown
     */
    void addService(ServiceSpec service);

    /**
     * @throws IllegalArgumentException when no service has that name
     */
    void removeService(String name);
}
