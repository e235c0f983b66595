package dev.switchboard.dispatch.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable, validated snapshot of what is balanced: servers, server groups and services.
 *
 * <p>Every change yields a new catalog; runtimes publish it through a volatile reference so that the
 * packet path reads a consistent snapshot without locks. Validation happens here, once, so that a
 * catalog that exists is a catalog that works: every service names an existing group, every group
 * member exists, no two services share a VIP:port/protocol, names are unique.
 */
public final class ServiceCatalog {
    private static final ServiceCatalog EMPTY =
            new ServiceCatalog(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), 0);

    private final Map<String, Server> serversByName;
    private final Map<String, ServerGroup> groups;
    private final Map<String, Service> services;
    private final Server[] serversByIndex;
    private final int nextIndex;
    private final long[] serviceKeys;
    private final Service[] serviceByKey;
    private final ServerGroup[] groupByKey;
    private final int[] vips;

    private ServiceCatalog(Map<String, Server> serversByName, Map<String, ServerGroup> groups,
                           Map<String, Service> services, int nextIndex) {
        this.serversByName = Collections.unmodifiableMap(serversByName);
        this.groups = Collections.unmodifiableMap(groups);
        this.services = Collections.unmodifiableMap(services);
        this.nextIndex = nextIndex;
        this.serversByIndex = new Server[nextIndex];
        for (Server s : serversByName.values()) {
            serversByIndex[s.index()] = s;
        }
        List<Service> sorted = new ArrayList<>(services.values());
        sorted.sort((a, b) -> Long.compare(a.id().packed(), b.id().packed()));
        this.serviceKeys = new long[sorted.size()];
        this.serviceByKey = new Service[sorted.size()];
        this.groupByKey = new ServerGroup[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            serviceKeys[i] = sorted.get(i).id().packed();
            serviceByKey[i] = sorted.get(i);
            groupByKey[i] = groups.get(sorted.get(i).group());
        }
        this.vips = services.values().stream().mapToInt(s -> s.id().vip()).distinct().sorted().toArray();
        validate();
    }

    /** @return a catalog with nothing in it */
    public static ServiceCatalog empty() {
        return EMPTY;
    }

    private void validate() {
        for (ServerGroup g : groups.values()) {
            for (int i = 0; i < g.size(); i++) {
                int member = g.memberAt(i);
                if (member >= serversByIndex.length || serversByIndex[member] == null) {
                    throw new IllegalArgumentException("group '" + g.name() + "' names unknown server #" + member);
                }
            }
        }
        for (Service s : services.values()) {
            if (!groups.containsKey(s.group())) {
                throw new IllegalArgumentException(
                        "service '" + s.name() + "' names unknown group '" + s.group() + "'");
            }
        }
        for (int i = 1; i < serviceKeys.length; i++) {
            if (serviceKeys[i] == serviceKeys[i - 1]) {
                throw new IllegalArgumentException("services '" + serviceByKey[i - 1].name() + "' and '"
                        + serviceByKey[i].name() + "' both claim " + serviceByKey[i].id());
            }
        }
        Map<Integer, String> addresses = new LinkedHashMap<>();
        for (Server s : serversByName.values()) {
            String other = addresses.putIfAbsent(s.address(), s.name());
            if (other != null) {
                throw new IllegalArgumentException("servers '" + other + "' and '" + s.name()
                        + "' share address " + Ipv4.format(s.address()));
            }
        }
    }

    /**
     * Finds the service a packet is addressed to; allocation-free, for the packet path.
     *
     * @return the service, or {@code null} when no service listens there
     */
    public Service serviceAt(int vip, int ipProtocol, int port) {
        int i = Arrays.binarySearch(serviceKeys, ServiceId.pack(vip, ipProtocol, port));
        return i >= 0 ? serviceByKey[i] : null;
    }

    /**
     * The group serving a VIP:port; allocation-free, for the packet path.
     *
     * @return the group, or {@code null} when no service listens there
     */
    public ServerGroup groupAt(int vip, int ipProtocol, int port) {
        int i = Arrays.binarySearch(serviceKeys, ServiceId.pack(vip, ipProtocol, port));
        return i >= 0 ? groupByKey[i] : null;
    }

    /** @return whether any service uses this address as its VIP */
    public boolean isVip(int address) {
        return Arrays.binarySearch(vips, address) >= 0;
    }

    /** @return the distinct VIPs, ascending */
    public int[] vips() {
        return vips.clone();
    }

    /** @return the server with this index, or {@code null} when it was removed or never existed */
    public Server server(int index) {
        return index >= 0 && index < serversByIndex.length ? serversByIndex[index] : null;
    }

    /** @return the server with this name, or {@code null} */
    public Server server(String name) {
        return serversByName.get(name);
    }

    /** @return the server with this address, or {@code null} */
    public Server serverAt(int address) {
        for (Server s : serversByIndex) {
            if (s != null && s.address() == address) {
                return s;
            }
        }
        return null;
    }

    /** @return one past the highest server index ever assigned (table sizing for per-server counters) */
    public int serverIndexLimit() {
        return nextIndex;
    }

    public Collection<Server> servers() {
        return serversByName.values();
    }

    public Collection<ServerGroup> groups() {
        return groups.values();
    }

    public Collection<Service> services() {
        return services.values();
    }

    /** @return the group with this name, or {@code null} */
    public ServerGroup group(String name) {
        return groups.get(name);
    }

    /** @return the service with this name, or {@code null} */
    public Service service(String name) {
        return services.get(name);
    }

    /**
     * Finds the session a server-to-client packet belongs to. Replies carry the server's address, not the VIP;
     * the VIP is the one service on that port whose group holds the server (flow-rules refuses catalogs where a
     * server port serves two VIPs, for the same reason).
     *
     * @param protocol the reply's transport
     * @param serverAddress the reply's source address
     * @param serverPort the reply's source port (the service port)
     * @param clientAddress the reply's destination address
     * @param clientPort the reply's destination port
     * @return the session's key, or {@code null} when the source is no server's service port
     */
    public SessionKey sessionOfReply(Protocol protocol, int serverAddress, int serverPort, int clientAddress,
                                     int clientPort) {
        Server server = serverAt(serverAddress);
        if (server == null) {
            return null;
        }
        for (Service service : services.values()) {
            if (service.id().protocol() != protocol || service.id().port() != serverPort) {
                continue;
            }
            ServerGroup group = groups.get(service.group());
            if (group != null && group.members().contains(server.index())) {
                return SessionKey.of(protocol, clientAddress, clientPort, service.id().vip(), serverPort);
            }
        }
        return null;
    }

    /** @return the groups that list this server */
    public List<ServerGroup> groupsOf(Server server) {
        List<ServerGroup> result = new ArrayList<>();
        for (ServerGroup g : groups.values()) {
            if (g.members().contains(server.index())) {
                result.add(g);
            }
        }
        return result;
    }

    /**
     * Adds a server under the next free index.
     *
     * @throws IllegalArgumentException when the name or address is taken
     */
    public ServiceCatalog withNewServer(String name, int address, long mac, int weight) {
        if (serversByName.containsKey(name)) {
            throw new IllegalArgumentException("server '" + name + "' already exists");
        }
        Map<String, Server> next = new LinkedHashMap<>(serversByName);
        next.put(name, Server.of(nextIndex, name, address, mac, weight));
        return new ServiceCatalog(next, new LinkedHashMap<>(groups), new LinkedHashMap<>(services), nextIndex + 1);
    }

    /**
     * Replaces a server by a changed copy of itself (weight, state, load, MAC).
     *
     * @throws IllegalArgumentException when no server has that name and index
     */
    public ServiceCatalog withUpdatedServer(Server updated) {
        Server current = serversByName.get(updated.name());
        if (current == null || current.index() != updated.index()) {
            throw new IllegalArgumentException("server '" + updated.name() + "' does not exist");
        }
        Map<String, Server> next = new LinkedHashMap<>(serversByName);
        next.put(updated.name(), updated);
        return new ServiceCatalog(next, new LinkedHashMap<>(groups), new LinkedHashMap<>(services), nextIndex);
    }

    /**
     * Removes a server that no group lists any more.
     *
     * @throws IllegalArgumentException when it does not exist or a group still lists it
     */
    public ServiceCatalog withoutServer(String name) {
        Server server = serversByName.get(name);
        if (server == null) {
            throw new IllegalArgumentException("server '" + name + "' does not exist");
        }
        List<ServerGroup> users = groupsOf(server);
        if (!users.isEmpty()) {
            throw new IllegalArgumentException("server '" + name + "' is still in group '" + users.get(0).name() + "'");
        }
        Map<String, Server> next = new LinkedHashMap<>(serversByName);
        next.remove(name);
        return new ServiceCatalog(next, new LinkedHashMap<>(groups), new LinkedHashMap<>(services), nextIndex);
    }

    /** Adds or replaces a group. */
    public ServiceCatalog withGroup(ServerGroup group) {
        Map<String, ServerGroup> next = new LinkedHashMap<>(groups);
        next.put(group.name(), group);
        return new ServiceCatalog(new LinkedHashMap<>(serversByName), next, new LinkedHashMap<>(services), nextIndex);
    }

    /**
     * Removes a group that no service uses.
     *
     * @throws IllegalArgumentException when it does not exist or a service still uses it
     */
    public ServiceCatalog withoutGroup(String name) {
        if (!groups.containsKey(name)) {
            throw new IllegalArgumentException("group '" + name + "' does not exist");
        }
        for (Service s : services.values()) {
            if (s.group().equals(name)) {
                throw new IllegalArgumentException("group '" + name + "' is still used by service '" + s.name() + "'");
            }
        }
        Map<String, ServerGroup> next = new LinkedHashMap<>(groups);
        next.remove(name);
        return new ServiceCatalog(new LinkedHashMap<>(serversByName), next, new LinkedHashMap<>(services), nextIndex);
    }

    /**
     * Adds a service.
     *
     * @throws IllegalArgumentException when the name is taken, the address is taken or the group is unknown
     */
    public ServiceCatalog withService(Service service) {
        if (services.containsKey(service.name())) {
            throw new IllegalArgumentException("service '" + service.name() + "' already exists");
        }
        Map<String, Service> next = new LinkedHashMap<>(services);
        next.put(service.name(), service);
        return new ServiceCatalog(new LinkedHashMap<>(serversByName), new LinkedHashMap<>(groups), next, nextIndex);
    }

    /**
     * Removes a service.
     *
     * @throws IllegalArgumentException when it does not exist
     */
    public ServiceCatalog withoutService(String name) {
        if (!services.containsKey(name)) {
            throw new IllegalArgumentException("service '" + name + "' does not exist");
        }
        Map<String, Service> next = new LinkedHashMap<>(services);
        next.remove(name);
        return new ServiceCatalog(new LinkedHashMap<>(serversByName), new LinkedHashMap<>(groups), next, nextIndex);
    }
}
