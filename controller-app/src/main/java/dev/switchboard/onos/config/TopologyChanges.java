package dev.switchboard.onos.config;

import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServerState;
import dev.switchboard.dispatch.model.ServiceId;
import dev.switchboard.onos.api.OperationRefused;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The admin changes of the northbound API as pure functions from one topology to the next. Each checks its
 * arguments against the current topology first and refuses with the API's message (docs/api.md), so that a
 * refused change writes nothing. The resulting topology is validated once more as a whole before it is written.
 */
public final class TopologyChanges {
    private TopologyChanges() {
    }

    /**
     * @param group a group to join, or {@code null}
     * @throws OperationRefused when the name, address, MAC or SAN switch port is taken or the group is unknown
     */
    public static SwitchboardTopology addServer(SwitchboardTopology t, ServerSpec server, String group) {
        String name = server.name();
        if (t.server(name).isPresent()) {
            throw OperationRefused.conflict("name", "server '" + name + "' already exists");
        }
        checkWeight(server.weight());
        String portUser = sanPortUser(t, server.sanSwitchPort().toLong());
        if (portUser != null) {
            throw OperationRefused.conflict("sanSwitchPort", "SAN switch port " + server.sanSwitchPort().toLong()
                    + " is already used by " + portUser);
        }
        String host = hostAt(t, server.ip());
        if (host == null && t.isVip(server.ip())) {
            host = "a service VIP";
        }
        if (host != null) {
            throw OperationRefused.conflict("ip", "'" + Ipv4.format(server.ip()) + "' is the address of " + host);
        }
        if (server.mac() != MacAddress.UNKNOWN) {
            String macUser = macUser(t, server.mac());
            if (macUser != null) {
                throw OperationRefused.conflict("mac", "'" + MacAddress.format(server.mac()) + "' is the MAC of "
                        + macUser);
            }
        }
        if (group != null && group(t, group) == null) {
            throw OperationRefused.unknownReference("group", "group '" + group + "' does not exist");
        }
        List<ServerSpec> servers = new ArrayList<>(t.servers());
        servers.add(server);
        SwitchboardTopology next = t.withServers(servers);
        return group == null ? next : withMembers(next, group, append(group(t, group).servers(), name));
    }

    /** @throws OperationRefused when there is no such server or a group still lists it */
    public static SwitchboardTopology removeServer(SwitchboardTopology t, String name) {
        requireServer(t, name);
        for (GroupSpec g : t.groups()) {
            if (g.servers().contains(name)) {
                throw OperationRefused.conflict(null, "server '" + name + "' is still in group '" + g.name()
                        + "'; remove it from its groups first");
            }
        }
        List<ServerSpec> servers = new ArrayList<>(t.servers());
        servers.removeIf(s -> s.name().equals(name));
        return t.withServers(servers);
    }

    /** @throws OperationRefused when there is no such server or the weight is out of range */
    public static SwitchboardTopology setWeight(SwitchboardTopology t, String name, int weight) {
        ServerSpec server = requireServer(t, name);
        checkWeight(weight);
        return replaceServer(t, server.withWeight(weight));
    }

    /** @throws OperationRefused when there is no such server */
    public static SwitchboardTopology setState(SwitchboardTopology t, String name, ServerState state) {
        return replaceServer(t, requireServer(t, name).withState(Objects.requireNonNull(state, "state")));
    }

    /** @throws OperationRefused when the name is taken, or a member is unknown or listed twice */
    public static SwitchboardTopology addGroup(SwitchboardTopology t, String name, List<String> members) {
        if (group(t, name) != null) {
            throw OperationRefused.conflict("name", "group '" + name + "' already exists");
        }
        for (int i = 0; i < members.size(); i++) {
            String member = members.get(i);
            if (t.server(member).isEmpty()) {
                throw OperationRefused.unknownReference("servers[" + i + "]", "server '" + member
                        + "' does not exist");
            }
            if (members.subList(0, i).contains(member)) {
                throw OperationRefused.invalid("servers[" + i + "]", "server '" + member + "' is listed twice");
            }
        }
        List<GroupSpec> groups = new ArrayList<>(t.groups());
        groups.add(new GroupSpec(name, members));
        return t.withGroups(groups);
    }

    /** @throws OperationRefused when there is no such group or a service uses it */
    public static SwitchboardTopology removeGroup(SwitchboardTopology t, String name) {
        requireGroup(t, name);
        for (ServiceSpec s : t.services()) {
            if (s.group().equals(name)) {
                throw OperationRefused.conflict(null, "group '" + name + "' is still used by service '" + s.name()
                        + "'");
            }
        }
        List<GroupSpec> groups = new ArrayList<>(t.groups());
        groups.removeIf(g -> g.name().equals(name));
        return t.withGroups(groups);
    }

    /**
     * @return the topology with the member added, or {@code t} itself when it is a member already
     * @throws OperationRefused when the group or the server does not exist
     */
    public static SwitchboardTopology addMember(SwitchboardTopology t, String group, String server) {
        GroupSpec g = requireGroup(t, group);
        requireServer(t, server);
        return g.servers().contains(server) ? t : withMembers(t, group, append(g.servers(), server));
    }

    /** @throws OperationRefused when the group or the server does not exist, or it is not a member */
    public static SwitchboardTopology removeMember(SwitchboardTopology t, String group, String server) {
        GroupSpec g = requireGroup(t, group);
        requireServer(t, server);
        if (!g.servers().contains(server)) {
            throw OperationRefused.notFound("server '" + server + "' is not in group '" + group + "'");
        }
        List<String> members = new ArrayList<>(g.servers());
        members.remove(server);
        return withMembers(t, group, members);
    }

    /**
     * @throws OperationRefused when the name or VIP:port/protocol is taken, the VIP is another host's address or
     *     the group is unknown
     */
    public static SwitchboardTopology addService(SwitchboardTopology t, ServiceSpec service) {
        String name = service.name();
        if (t.services().stream().anyMatch(s -> s.name().equals(name))) {
            throw OperationRefused.conflict("name", "service '" + name + "' already exists");
        }
        ServiceId id = ServiceId.of(service.vip(), service.protocol(), service.port());
        for (ServiceSpec other : t.services()) {
            if (other.vip() == service.vip() && other.protocol() == service.protocol()
                    && other.port() == service.port()) {
                throw OperationRefused.conflict("port", id + " is already served by service '" + other.name() + "'");
            }
        }
        String host = hostAt(t, service.vip());
        if (host != null) {
            throw OperationRefused.conflict("vip", "'" + Ipv4.format(service.vip()) + "' is the address of " + host);
        }
        if (group(t, service.group()) == null) {
            throw OperationRefused.unknownReference("group", "group '" + service.group() + "' does not exist");
        }
        List<ServiceSpec> services = new ArrayList<>(t.services());
        services.add(service);
        return t.withServices(services);
    }

    /** @throws OperationRefused when there is no such service */
    public static SwitchboardTopology removeService(SwitchboardTopology t, String name) {
        if (t.services().stream().noneMatch(s -> s.name().equals(name))) {
            throw OperationRefused.missing("service", name);
        }
        List<ServiceSpec> services = new ArrayList<>(t.services());
        services.removeIf(s -> s.name().equals(name));
        return t.withServices(services);
    }

    /** @throws OperationRefused when there is no such server */
    public static ServerSpec requireServer(SwitchboardTopology t, String name) {
        return t.server(name).orElseThrow(() -> OperationRefused.missing("server", name));
    }

    private static GroupSpec requireGroup(SwitchboardTopology t, String name) {
        GroupSpec g = group(t, name);
        if (g == null) {
            throw OperationRefused.missing("group", name);
        }
        return g;
    }

    private static GroupSpec group(SwitchboardTopology t, String name) {
        return t.groups().stream().filter(g -> g.name().equals(name)).findFirst().orElse(null);
    }

    private static void checkWeight(int weight) {
        if (weight < 1 || weight > Server.MAX_WEIGHT) {
            throw OperationRefused.invalid("weight", "weight: " + weight + " is out of range 1.." + Server.MAX_WEIGHT);
        }
    }

    /** @return who else has this address (a server or a gateway), or {@code null} */
    private static String hostAt(SwitchboardTopology t, int address) {
        ServerSpec server = t.serverAt(address).orElse(null);
        if (server != null) {
            return "server '" + server.name() + "'";
        }
        if (address == t.router().gatewayIp()) {
            return "the client gateway";
        }
        return address == t.san().gatewayIp() ? "the server gateway" : null;
    }

    private static String macUser(SwitchboardTopology t, long mac) {
        for (ServerSpec other : t.servers()) {
            if (other.mac() == mac) {
                return "server '" + other.name() + "'";
            }
        }
        if (mac == t.router().gatewayMac()) {
            return "the client gateway";
        }
        return mac == t.san().gatewayMac() ? "the server gateway" : null;
    }

    private static String sanPortUser(SwitchboardTopology t, long port) {
        for (DispatcherSpec d : t.dispatchers()) {
            if (d.sanSwitchPort().toLong() == port) {
                return "dispatcher " + d.id();
            }
        }
        for (ServerSpec other : t.servers()) {
            if (other.sanSwitchPort().toLong() == port) {
                return "server '" + other.name() + "'";
            }
        }
        return null;
    }

    private static List<String> append(List<String> members, String name) {
        List<String> result = new ArrayList<>(members);
        result.add(name);
        return result;
    }

    private static SwitchboardTopology withMembers(SwitchboardTopology t, String group, List<String> members) {
        List<GroupSpec> groups = new ArrayList<>();
        for (GroupSpec g : t.groups()) {
            groups.add(g.name().equals(group) ? new GroupSpec(group, members) : g);
        }
        return t.withGroups(groups);
    }

    private static SwitchboardTopology replaceServer(SwitchboardTopology t, ServerSpec changed) {
        List<ServerSpec> servers = new ArrayList<>();
        for (ServerSpec s : t.servers()) {
            servers.add(s.name().equals(changed.name()) ? changed : s);
        }
        return t.withServers(servers);
    }
}
