package dev.switchboard.onos.api;

import dev.switchboard.dispatch.DispatchSettings;
import dev.switchboard.dispatch.model.ServerState;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.onos.config.ServerSpec;
import dev.switchboard.onos.config.ServiceSpec;

import java.util.List;

/**
 * Changes to the load balancer. Catalog changes are written through ONOS network configuration, so that every
 * node applies them and ONOS persists them; each is checked against the current configuration first and, when
 * refused, changes nothing and throws an {@link OperationRefused} naming the problem. The messages are the
 * northbound API's (docs/api.md).
 */
public interface DispatchAdminService extends DispatchService {
    /**
     * Ends a session (or a pending client lock) on every dispatcher.
     *
     * @return whether there was a session or lock to end
     */
    boolean terminate(SessionKey key);

    /**
     * Adds a server, optionally as a member of an existing group, in one configuration change.
     *
     * @param server the server
     * @param group a group to add it to, or {@code null}
     * @throws OperationRefused when the name, address, MAC or SAN switch port is taken, or the group is unknown
     */
    void addServer(ServerSpec server, String group);

    /**
     * Removes a server that no group lists; its sessions end when their next packet finds no server.
     *
     * @throws OperationRefused when there is no such server or a group still lists it
     */
    void removeServer(String name);

    /**
     * @throws OperationRefused when there is no such server or the weight is out of range
     */
    void setServerWeight(String name, int weight);

    /**
     * Drains ({@link ServerState#DRAINING}), disables ({@link ServerState#DOWN}) or reactivates a server.
     *
     * @throws OperationRefused when there is no such server
     */
    void setServerState(String name, ServerState state);

    /**
     * Records a server's reported utilisation, which least-load selection weighs in. Load reports are runtime
     * figures, shared by the cluster's nodes but not persisted.
     *
     * @param load 0.0 (idle) to 1.0 (saturated)
     * @throws OperationRefused when there is no such server or the load is out of range
     */
    void reportServerLoad(String name, double load);

    /**
     * @param servers member names, in order
     * @throws OperationRefused when the name is taken, or a member is unknown or listed twice
     */
    void addGroup(String name, List<String> servers);

    /**
     * @throws OperationRefused when there is no such group or a service uses it
     */
    void removeGroup(String name);

    /**
     * Adds a member to a group; adding a member again changes nothing.
     *
     * @throws OperationRefused when the group or the server does not exist
     */
    void addGroupMember(String group, String server);

    /**
     * Removes a member from a group. Its sessions go on; selection stops choosing it for the group's services.
     *
     * @throws OperationRefused when the group or the server does not exist, or the server is not a member
     */
    void removeGroupMember(String group, String server);

    /**
     * @throws OperationRefused when the name or VIP:port/protocol is taken, the VIP is another host's address or
     *     the group is unknown
     */
    void addService(ServiceSpec service);

    /**
     * Removes a service; established sessions run to their end.
     *
     * @throws OperationRefused when there is no such service
     */
    void removeService(String name);

    /**
     * Changes the dispatch settings (strategy, lock TTL, idle timeout, FIN linger, fallback) through the
     * component configuration service, which hands them to every node, and returns once this node runs with
     * them.
     *
     * @param settings the complete settings wanted
     * @throws OperationRefused naming a value out of range; nothing is changed then
     * @throws IllegalStateException when the settings did not take effect in time
     */
    void updateSettings(DispatchSettings settings);
}
