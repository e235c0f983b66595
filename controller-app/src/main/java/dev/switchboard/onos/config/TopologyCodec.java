package dev.switchboard.onos.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;
import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServerState;
import dev.switchboard.rules.TrunkMode;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.config.InvalidFieldException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.switchboard.onos.config.JsonFields.array;
import static dev.switchboard.onos.config.JsonFields.device;
import static dev.switchboard.onos.config.JsonFields.index;
import static dev.switchboard.onos.config.JsonFields.integer;
import static dev.switchboard.onos.config.JsonFields.invalid;
import static dev.switchboard.onos.config.JsonFields.ipv4;
import static dev.switchboard.onos.config.JsonFields.mac;
import static dev.switchboard.onos.config.JsonFields.object;
import static dev.switchboard.onos.config.JsonFields.onlyFields;
import static dev.switchboard.onos.config.JsonFields.optionalInteger;
import static dev.switchboard.onos.config.JsonFields.optionalText;
import static dev.switchboard.onos.config.JsonFields.path;
import static dev.switchboard.onos.config.JsonFields.port;
import static dev.switchboard.onos.config.JsonFields.ports;
import static dev.switchboard.onos.config.JsonFields.text;

/**
 * Converts the {@code switchboard} netcfg JSON to a {@link SwitchboardTopology} and back. Decoding checks every
 * field and every cross reference and names the offending field path in the {@link InvalidFieldException}.
 */
public final class TopologyCodec {
    static final String ROUTER = "router";
    static final String DISPATCHERS = "dispatchers";
    static final String SAN = "san";
    static final String SERVERS = "servers";
    static final String GROUPS = "groups";
    static final String SERVICES = "services";

    private static final int MAX_DISPATCHER_ID = 63;

    private TopologyCodec() {
    }

    /**
     * @param root the config's JSON object
     * @return the topology
     * @throws InvalidFieldException naming the first field that is wrong
     */
    public static SwitchboardTopology decode(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw invalid("switchboard", "must be a JSON object");
        }
        onlyFields(root, "", ROUTER, DISPATCHERS, SAN, SERVERS, GROUPS, SERVICES);
        List<DispatcherSpec> dispatchers = dispatchers(root);
        RouterSpec router = router(object(root, ROUTER, ""), dispatchers);
        SanSpec san = san(object(root, SAN, ""));
        checkDistinctDevices(router, dispatchers, san);
        List<ServerSpec> servers = servers(root, dispatchers);
        List<GroupSpec> groups = groups(root, servers);
        List<ServiceSpec> services = services(root, groups, router, san, servers);
        SwitchboardTopology topology = new SwitchboardTopology(router, dispatchers, san, servers, groups, services);
        try {
            CatalogReconciler.reconcile(null, topology);
        } catch (IllegalArgumentException e) {
            throw invalid(SERVICES, e.getMessage());
        }
        return topology;
    }

    private static List<DispatcherSpec> dispatchers(JsonNode root) {
        JsonNode array = array(root, DISPATCHERS, "", true);
        if (array.size() == 0) {
            throw invalid(DISPATCHERS, "must list at least one dispatcher");
        }
        List<DispatcherSpec> result = new ArrayList<>();
        Map<Integer, String> ids = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            String p = index(DISPATCHERS, i);
            JsonNode d = array.get(i);
            if (!d.isObject()) {
                throw invalid(p, "must be an object");
            }
            onlyFields(d, p, "id", "deviceId", "dpid", "trunkPort", "sanPort", "sanSwitchPort");
            int id = (int) integer(d, "id", p, 1, MAX_DISPATCHER_ID);
            String other = ids.putIfAbsent(id, p);
            if (other != null) {
                throw invalid(path(p, "id"), "dispatcher id " + id + " is already used by " + other);
            }
            PortNumber trunk = port(d, "trunkPort", p);
            PortNumber sanPort = port(d, "sanPort", p);
            if (trunk.equals(sanPort)) {
                throw invalid(path(p, "sanPort"), "must differ from trunkPort (" + trunk + ")");
            }
            result.add(new DispatcherSpec(id, device(d, p), trunk, sanPort, port(d, "sanSwitchPort", p)));
        }
        return result;
    }

    private static RouterSpec router(JsonNode r, List<DispatcherSpec> dispatchers) {
        onlyFields(r, ROUTER, "deviceId", "dpid", "clientPorts", "gateway", "trunk");
        DeviceId device = device(r, ROUTER);
        String clientPath = path(ROUTER, "clientPorts");
        List<PortNumber> clientPorts = ports(array(r, "clientPorts", ROUTER, true), clientPath);
        if (clientPorts.isEmpty()) {
            throw invalid(clientPath, "must list at least one port");
        }
        if (new HashSet<>(clientPorts).size() != clientPorts.size()) {
            throw invalid(clientPath, "lists a port twice");
        }
        String gwPath = path(ROUTER, "gateway");
        JsonNode gw = object(r, "gateway", ROUTER);
        onlyFields(gw, gwPath, "ip", "mac");
        String trunkPath = path(ROUTER, "trunk");
        JsonNode trunk = object(r, "trunk", ROUTER);
        onlyFields(trunk, trunkPath, "mode", "links");
        TrunkMode mode;
        try {
            mode = TrunkMode.parse(optionalText(trunk, "mode", trunkPath, TrunkMode.FLOW_HASH.configName()));
        } catch (IllegalArgumentException e) {
            throw invalid(path(trunkPath, "mode"), e.getMessage());
        }
        String linksPath = path(trunkPath, "links");
        JsonNode links = array(trunk, "links", trunkPath, true);
        Map<Integer, PortNumber> trunkPorts = new LinkedHashMap<>();
        Set<Integer> known = new HashSet<>();
        dispatchers.forEach(d -> known.add(d.id()));
        for (int i = 0; i < links.size(); i++) {
            String p = index(linksPath, i);
            JsonNode link = links.get(i);
            if (!link.isObject()) {
                throw invalid(p, "must be an object");
            }
            onlyFields(link, p, "dispatcher", "port");
            int id = (int) integer(link, "dispatcher", p, 1, MAX_DISPATCHER_ID);
            if (!known.contains(id)) {
                throw invalid(path(p, "dispatcher"), "no dispatcher has id " + id);
            }
            PortNumber port = port(link, "port", p);
            if (clientPorts.contains(port)) {
                throw invalid(path(p, "port"), "port " + port + " is also a client port");
            }
            if (trunkPorts.containsValue(port)) {
                throw invalid(path(p, "port"), "port " + port + " is already a trunk link");
            }
            if (trunkPorts.put(id, port) != null) {
                throw invalid(path(p, "dispatcher"), "dispatcher " + id + " already has a trunk link");
            }
        }
        for (DispatcherSpec d : dispatchers) {
            if (!trunkPorts.containsKey(d.id())) {
                throw invalid(linksPath, "dispatcher " + d.id() + " has no trunk link");
            }
        }
        return new RouterSpec(device, clientPorts, ipv4(gw, "ip", gwPath), mac(gw, "mac", gwPath), mode, trunkPorts);
    }

    private static SanSpec san(JsonNode s) {
        onlyFields(s, SAN, "deviceId", "dpid", "gateway");
        String gwPath = path(SAN, "gateway");
        JsonNode gw = object(s, "gateway", SAN);
        onlyFields(gw, gwPath, "ip", "mac");
        return new SanSpec(device(s, SAN), ipv4(gw, "ip", gwPath), mac(gw, "mac", gwPath));
    }

    private static void checkDistinctDevices(RouterSpec router, List<DispatcherSpec> dispatchers, SanSpec san) {
        Map<DeviceId, String> roles = new HashMap<>();
        roles.put(router.device(), "router");
        if (roles.putIfAbsent(san.device(), "san") != null) {
            throw invalid(path(SAN, "deviceId"), san.device() + " is already the router");
        }
        for (int i = 0; i < dispatchers.size(); i++) {
            DeviceId device = dispatchers.get(i).device();
            String other = roles.putIfAbsent(device, index(DISPATCHERS, i));
            if (other != null) {
                throw invalid(path(index(DISPATCHERS, i), "deviceId"), device + " is already used by " + other);
            }
        }
    }

    private static List<ServerSpec> servers(JsonNode root, List<DispatcherSpec> dispatchers) {
        JsonNode array = array(root, SERVERS, "", false);
        List<ServerSpec> result = new ArrayList<>();
        if (array == null) {
            return result;
        }
        Set<PortNumber> uplinks = new HashSet<>();
        dispatchers.forEach(d -> uplinks.add(d.sanSwitchPort()));
        for (int i = 0; i < array.size(); i++) {
            String p = index(SERVERS, i);
            JsonNode s = array.get(i);
            if (!s.isObject()) {
                throw invalid(p, "must be an object");
            }
            ServerSpec server = server(s, p);
            String name = server.name();
            int ip = server.ip();
            PortNumber port = server.sanSwitchPort();
            for (ServerSpec other : result) {
                if (other.name().equals(name)) {
                    throw invalid(path(p, "name"), "server name '" + name + "' is used twice");
                }
                if (other.ip() == ip) {
                    throw invalid(path(p, "ip"), Ipv4.format(ip) + " is already server '" + other.name() + "'");
                }
                if (other.sanSwitchPort().equals(port)) {
                    throw invalid(path(p, "sanSwitchPort"), "port " + port + " is already server '"
                            + other.name() + "'");
                }
            }
            if (uplinks.contains(port)) {
                throw invalid(path(p, "sanSwitchPort"), "port " + port + " is a dispatcher's link");
            }
            result.add(server);
        }
        return result;
    }

    private static List<GroupSpec> groups(JsonNode root, List<ServerSpec> servers) {
        JsonNode array = array(root, GROUPS, "", false);
        List<GroupSpec> result = new ArrayList<>();
        if (array == null) {
            return result;
        }
        Set<String> serverNames = new HashSet<>();
        servers.forEach(s -> serverNames.add(s.name()));
        for (int i = 0; i < array.size(); i++) {
            String p = index(GROUPS, i);
            JsonNode g = array.get(i);
            if (!g.isObject()) {
                throw invalid(p, "must be an object");
            }
            onlyFields(g, p, "name", "servers");
            String name = text(g, "name", p);
            if (result.stream().anyMatch(other -> other.name().equals(name))) {
                throw invalid(path(p, "name"), "group name '" + name + "' is used twice");
            }
            String membersPath = path(p, "servers");
            JsonNode members = array(g, "servers", p, true);
            List<String> names = new ArrayList<>();
            for (int m = 0; m < members.size(); m++) {
                JsonNode member = members.get(m);
                String mp = index(membersPath, m);
                if (!member.isTextual()) {
                    throw invalid(mp, "must be a server name");
                }
                if (!serverNames.contains(member.asText())) {
                    throw invalid(mp, "no server is named '" + member.asText() + "'");
                }
                if (names.contains(member.asText())) {
                    throw invalid(mp, "server '" + member.asText() + "' is listed twice");
                }
                names.add(member.asText());
            }
            result.add(new GroupSpec(name, names));
        }
        return result;
    }

    private static List<ServiceSpec> services(JsonNode root, List<GroupSpec> groups, RouterSpec router, SanSpec san,
                                              List<ServerSpec> servers) {
        JsonNode array = array(root, SERVICES, "", false);
        List<ServiceSpec> result = new ArrayList<>();
        if (array == null) {
            return result;
        }
        for (int i = 0; i < array.size(); i++) {
            String p = index(SERVICES, i);
            JsonNode s = array.get(i);
            if (!s.isObject()) {
                throw invalid(p, "must be an object");
            }
            ServiceSpec service = service(s, p);
            String name = service.name();
            int vip = service.vip();
            Protocol protocol = service.protocol();
            int port = service.port();
            String group = service.group();
            String protocolText = protocol.name().toLowerCase(Locale.ROOT);
            if (groups.stream().noneMatch(g -> g.name().equals(group))) {
                throw invalid(path(p, "group"), "no group is named '" + group + "'");
            }
            if (vip == router.gatewayIp() || vip == san.gatewayIp()) {
                throw invalid(path(p, "vip"), Ipv4.format(vip) + " is a gateway address");
            }
            for (ServerSpec server : servers) {
                if (server.ip() == vip) {
                    throw invalid(path(p, "vip"), Ipv4.format(vip) + " is server '" + server.name() + "'");
                }
            }
            for (ServiceSpec other : result) {
                if (other.name().equals(name)) {
                    throw invalid(path(p, "name"), "service name '" + name + "' is used twice");
                }
                if (other.vip() == vip && other.protocol() == protocol && other.port() == port) {
                    throw invalid(p, "service '" + other.name() + "' already listens on " + Ipv4.format(vip) + ":"
                            + port + "/" + protocolText);
                }
            }
            result.add(service);
        }
        return result;
    }

    /**
     * Reads one server object (fields only; references are checked when the whole topology is decoded).
     *
     * @param s the server's JSON object
     * @param p its path, for error messages
     * @param extra further field names the caller accepts (such as {@code group} in the REST API)
     * @throws InvalidFieldException naming the field that is wrong
     */
    public static ServerSpec server(JsonNode s, String p, String... extra) {
        if (s == null || !s.isObject()) {
            throw invalid(p, "must be an object");
        }
        onlyFields(s, p, concat(extra, "name", "ip", "mac", "sanSwitchPort", "weight", "state"));
        String name = text(s, "name", p);
        int ip = ipv4(s, "ip", p);
        // Without a MAC the server gets no delivery rule until one is configured (docs/onos.md).
        long mac = s.hasNonNull("mac") ? mac(s, "mac", p) : MacAddress.UNKNOWN;
        PortNumber port = port(s, "sanSwitchPort", p);
        int weight = (int) optionalInteger(s, "weight", p, 1, Server.MAX_WEIGHT, 1);
        ServerState state = state(optionalText(s, "state", p, "active"), path(p, "state"));
        return new ServerSpec(name, ip, mac, port, weight, state);
    }

    /**
     * Reads one service object (fields only).
     *
     * @throws InvalidFieldException naming the field that is wrong
     */
    public static ServiceSpec service(JsonNode s, String p) {
        if (s == null || !s.isObject()) {
            throw invalid(p, "must be an object");
        }
        onlyFields(s, p, "name", "vip", "protocol", "port", "group");
        String name = text(s, "name", p);
        int vip = ipv4(s, "vip", p);
        String protocolText = optionalText(s, "protocol", p, "tcp");
        Protocol protocol;
        try {
            protocol = Protocol.valueOf(protocolText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(path(p, "protocol"), "unknown protocol '" + protocolText + "' (want tcp or udp)");
        }
        int port = (int) integer(s, "port", p, 1, 0xffff);
        return new ServiceSpec(name, vip, protocol, port, text(s, "group", p));
    }

    /**
     * @param text {@code active}, {@code draining} or {@code disabled} ({@code down} is accepted as well), any case
     * @param p the field's path
     * @throws InvalidFieldException listing the valid states
     */
    public static ServerState state(String text, String p) {
        String name = text == null ? "" : text.toLowerCase(Locale.ROOT);
        switch (name) {
            case "active":
                return ServerState.ACTIVE;
            case "draining":
                return ServerState.DRAINING;
            case "disabled":
            case "down":
                return ServerState.DOWN;
            default:
                throw invalid(p, "unknown state '" + text + "' (want active, draining or disabled)");
        }
    }

    /** @return the state as netcfg and the northbound API spell it: active, draining, disabled */
    public static String stateName(ServerState state) {
        switch (state) {
            case ACTIVE:
                return "active";
            case DRAINING:
                return "draining";
            default:
                return "disabled";
        }
    }

    /** @return "field: reason", the one-line form the REST API and CLI report */
    public static String describe(InvalidFieldException e) {
        return e.field() + ": " + e.reason();
    }

    private static String[] concat(String[] extra, String... base) {
        String[] all = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    /** @return a server's JSON object */
    public static ObjectNode encodeServer(ServerSpec s, ObjectMapper mapper) {
        ObjectNode node = mapper.createObjectNode().put("name", s.name()).put("ip", Ipv4.format(s.ip()));
        if (s.mac() != MacAddress.UNKNOWN) {
            node.put("mac", MacAddress.format(s.mac()));
        }
        return node.put("sanSwitchPort", s.sanSwitchPort().toLong()).put("weight", s.weight())
                .put("state", stateName(s.state()));
    }

    /** @return a service's JSON object */
    public static ObjectNode encodeService(ServiceSpec s, ObjectMapper mapper) {
        return mapper.createObjectNode().put("name", s.name()).put("vip", Ipv4.format(s.vip()))
                .put("protocol", s.protocol().name().toLowerCase(Locale.ROOT)).put("port", s.port())
                .put("group", s.group());
    }

    /**
     * @return the JSON form that {@link #decode} reads back to an equal topology
     */
    public static ObjectNode encode(SwitchboardTopology topology, ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        RouterSpec r = topology.router();
        ObjectNode router = root.putObject(ROUTER);
        router.put("deviceId", r.device().toString());
        ArrayNode clientPorts = router.putArray("clientPorts");
        r.clientPorts().forEach(p -> clientPorts.add(p.toLong()));
        gateway(router.putObject("gateway"), r.gatewayIp(), r.gatewayMac());
        ObjectNode trunk = router.putObject("trunk");
        trunk.put("mode", r.trunkMode().configName());
        ArrayNode links = trunk.putArray("links");
        r.trunkPorts().forEach((id, port) -> links.addObject().put("dispatcher", id).put("port", port.toLong()));
        ArrayNode dispatchers = root.putArray(DISPATCHERS);
        for (DispatcherSpec d : topology.dispatchers()) {
            dispatchers.addObject().put("id", d.id()).put("deviceId", d.device().toString())
                    .put("trunkPort", d.trunkPort().toLong()).put("sanPort", d.sanPort().toLong())
                    .put("sanSwitchPort", d.sanSwitchPort().toLong());
        }
        ObjectNode san = root.putObject(SAN);
        san.put("deviceId", topology.san().device().toString());
        gateway(san.putObject("gateway"), topology.san().gatewayIp(), topology.san().gatewayMac());
        ArrayNode servers = root.putArray(SERVERS);
        for (ServerSpec s : topology.servers()) {
            servers.add(encodeServer(s, mapper));
        }
        ArrayNode groups = root.putArray(GROUPS);
        for (GroupSpec g : topology.groups()) {
            ObjectNode group = groups.addObject().put("name", g.name());
            ArrayNode members = group.putArray("servers");
            g.servers().forEach(members::add);
        }
        ArrayNode services = root.putArray(SERVICES);
        for (ServiceSpec s : topology.services()) {
            services.add(encodeService(s, mapper));
        }
        return root;
    }

    private static void gateway(ObjectNode node, int ip, long mac) {
        node.put("ip", Ipv4.format(ip)).put("mac", MacAddress.format(mac));
    }
}
