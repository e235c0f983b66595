package dev.switchboard.controller.config;

import dev.switchboard.dispatch.FallbackPolicy;
import dev.switchboard.dispatch.select.SelectionStrategy;
import dev.switchboard.rules.TrunkMode;

import com.google.gson.JsonElement;
import dev.switchboard.dispatch.model.DispatcherId;
import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;
import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServiceId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the raw JSON tree into a {@link SwitchboardConfig}: field types and ranges first, section by
 * section in file order, then the references between sections. The first problem found is thrown.
 */
final class ConfigParser {
    /**
     * Highest switch port number accepted: 0xfeff is the last physical port in OpenFlow 1.0, and the
     * controller accepts 1.0 switches, so one limit holds for every negotiated version.
     */
    static final int MAX_SWITCH_PORT = 0xfeff;

    private static final String[] TOP = {
        "openflow", "rest", "dispatch", "router", "dispatchers", "san", "servers", "groups", "services"};

    private ConfigParser() {
    }

    static SwitchboardConfig parse(JsonElement root) throws ConfigException {
        ConfigObject top = new ConfigNode("", root).object(TOP);
        OpenFlowConfig openflow = top.has("openflow") ? openflow(top.required("openflow")) : OpenFlowConfig.defaults();
        RestConfig rest = top.has("rest") ? rest(top.required("rest")) : RestConfig.defaults();
        DispatchConfig dispatch = top.has("dispatch") ? dispatch(top.required("dispatch")) : DispatchConfig.defaults();
        RouterConfig router = router(top.required("router"));
        List<ConfigNode> dispatcherNodes = nonEmpty(top.required("dispatchers"));
        List<DispatcherConfig> dispatchers = new ArrayList<>();
        for (ConfigNode node : dispatcherNodes) {
            dispatchers.add(dispatcher(node));
        }
        SanConfig san = san(top.required("san"));
        List<ConfigNode> serverNodes = top.optionalArray("servers");
        List<ServerConfig> servers = new ArrayList<>();
        for (ConfigNode node : serverNodes) {
            servers.add(server(node));
        }
        List<ConfigNode> groupNodes = top.optionalArray("groups");
        List<GroupConfig> groups = new ArrayList<>();
        for (ConfigNode node : groupNodes) {
            groups.add(group(node));
        }
        List<ConfigNode> serviceNodes = top.optionalArray("services");
        List<ServiceConfig> services = new ArrayList<>();
        for (ConfigNode node : serviceNodes) {
            services.add(service(node));
        }

        checkEndpoints(openflow, rest);
        checkSwitches(router, dispatchers, san, servers);
        checkAddresses(router, san, servers, services);
        checkGroups(servers, groups);
        checkServices(groups, services);
        return new SwitchboardConfig(openflow, rest, dispatch, router, dispatchers, san, servers, groups, services);
    }

    private static OpenFlowConfig openflow(ConfigNode node) throws ConfigException {
        ConfigObject o = node.object("listen", "port");
        return new OpenFlowConfig(o.ipLiteral("listen", OpenFlowConfig.DEFAULT_LISTEN),
                o.integer("port", OpenFlowConfig.DEFAULT_PORT, 0, 0xffff));
    }

    private static RestConfig rest(ConfigNode node) throws ConfigException {
        ConfigObject o = node.object("listen", "port", "token");
        ConfigNode token = o.optional("token");
        return new RestConfig(o.ipLiteral("listen", RestConfig.DEFAULT_LISTEN),
                o.integer("port", RestConfig.DEFAULT_PORT, 0, 0xffff), token == null ? null : token.string());
    }

    private static DispatchConfig dispatch(ConfigNode node) throws ConfigException {
        ConfigObject o = node.object("strategy", "lockTtlMillis", "idleTimeoutSeconds", "finLingerMillis", "fallback",
                "expectedSessions", "maxSessions");
        return new DispatchConfig(
                o.choice("strategy", SelectionStrategy.values(), SelectionStrategy::configName, DispatchConfig.DEFAULT_STRATEGY),
                o.integer("lockTtlMillis", DispatchConfig.DEFAULT_LOCK_TTL_MILLIS, 1,
                        DispatchConfig.MAX_LOCK_TTL_MILLIS),
                o.integer("idleTimeoutSeconds", DispatchConfig.DEFAULT_IDLE_TIMEOUT_SECONDS, 1,
                        DispatchConfig.MAX_IDLE_TIMEOUT_SECONDS),
                o.integer("finLingerMillis", DispatchConfig.DEFAULT_FIN_LINGER_MILLIS, 0,
                        DispatchConfig.MAX_FIN_LINGER_MILLIS),
                o.choice("fallback", FallbackPolicy.values(), FallbackPolicy::configName, DispatchConfig.DEFAULT_FALLBACK),
                o.integer("expectedSessions", DispatchConfig.DEFAULT_EXPECTED_SESSIONS, 0,
                        DispatchConfig.MAX_EXPECTED_SESSIONS),
                o.has("maxSessions") ? o.integer("maxSessions", 0, 0, DispatchConfig.MAX_EXPECTED_SESSIONS)
                        : DispatchConfig.HEAP_DERIVED);
    }

    private static RouterConfig router(ConfigNode node) throws ConfigException {
        ConfigObject o = node.object("dpid", "clientPorts", "gateway", "trunk");
        long dpid = o.required("dpid").dpid();
        List<Integer> clientPorts = new ArrayList<>();
        for (ConfigNode port : nonEmpty(o.required("clientPorts"))) {
            clientPorts.add(port.port(MAX_SWITCH_PORT));
        }
        GatewayConfig gateway = gateway(o.required("gateway"));
        ConfigObject t = o.required("trunk").object("mode", "links");
        TrunkMode mode = t.choice("mode", TrunkMode.values(), TrunkMode::configName, TrunkConfig.DEFAULT_MODE);
        List<TrunkLinkConfig> links = new ArrayList<>();
        for (ConfigNode link : nonEmpty(t.required("links"))) {
            ConfigObject l = link.object("dispatcher", "port");
            links.add(new TrunkLinkConfig(l.required("dispatcher").integer(0, DispatcherId.MAX),
                    l.required("port").port(MAX_SWITCH_PORT)));
        }
        return new RouterConfig(dpid, clientPorts, gateway, new TrunkConfig(mode, links));
    }

    private static GatewayConfig gateway(ConfigNode node) throws ConfigException {
        ConfigObject o = node.object("ip", "mac");
        return new GatewayConfig(o.required("ip").ipv4(), o.required("mac").mac());
    }

    private static DispatcherConfig dispatcher(ConfigNode node) throws ConfigException {
        ConfigObject o = node.object("id", "dpid", "trunkPort", "sanPort", "sanSwitchPort");
        return new DispatcherConfig(o.required("id").integer(0, DispatcherId.MAX), o.required("dpid").dpid(),
                o.required("trunkPort").port(MAX_SWITCH_PORT), o.required("sanPort").port(MAX_SWITCH_PORT),
                o.required("sanSwitchPort").port(MAX_SWITCH_PORT));
    }

    private static SanConfig san(ConfigNode node) throws ConfigException {
        ConfigObject o = node.object("dpid", "gateway");
        return new SanConfig(o.required("dpid").dpid(), gateway(o.required("gateway")));
    }

    private static ServerConfig server(ConfigNode node) throws ConfigException {
        ConfigObject o = node.object("name", "ip", "mac", "sanSwitchPort", "weight");
        ConfigNode mac = o.optional("mac");
        return new ServerConfig(o.required("name").string(), o.required("ip").ipv4(),
                mac == null ? MacAddress.UNKNOWN : mac.mac(), o.required("sanSwitchPort").port(MAX_SWITCH_PORT),
                o.integer("weight", ServerConfig.DEFAULT_WEIGHT, 1, Server.MAX_WEIGHT));
    }

    private static GroupConfig group(ConfigNode node) throws ConfigException {
        ConfigObject o = node.object("name", "servers");
        List<String> members = new ArrayList<>();
        for (ConfigNode member : o.required("servers").array()) {
            members.add(member.string());
        }
        return new GroupConfig(o.required("name").string(), members);
    }

    private static ServiceConfig service(ConfigNode node) throws ConfigException {
        ConfigObject o = node.object("name", "vip", "protocol", "port", "group");
        String name = o.required("name").string();
        int vip = o.required("vip").ipv4();
        ConfigNode protocolNode = o.required("protocol");
        Protocol protocol = protocol(protocolNode);
        return new ServiceConfig(name, vip, protocol, o.required("port").port(0xffff), o.required("group").string());
    }

    private static Protocol protocol(ConfigNode node) throws ConfigException {
        String text = node.string();
        for (Protocol p : Protocol.values()) {
            if (p.name().toLowerCase(Locale.ROOT).equals(text)) {
                return p;
            }
        }
        throw node.error("'" + text + "' is not one of tcp, udp");
    }

    private static List<ConfigNode> nonEmpty(ConfigNode node) throws ConfigException {
        List<ConfigNode> elements = node.array();
        if (elements.isEmpty()) {
            throw node.error("must list at least one entry");
        }
        return elements;
    }

    private static void checkEndpoints(OpenFlowConfig openflow, RestConfig rest) throws ConfigException {
        if (openflow.port() != 0 && openflow.port() == rest.port() && openflow.listen().equals(rest.listen())) {
            throw new ConfigException("rest.port", rest.port() + " is already used by openflow.port on "
                    + rest.listen());
        }
    }

    private static void checkSwitches(RouterConfig router, List<DispatcherConfig> dispatchers, SanConfig san,
                                      List<ServerConfig> servers) throws ConfigException {
        UniqueValues<Long> dpids = new UniqueValues<>();
        dpids.claim(router.dpid(), "router.dpid", hex(router.dpid()));
        UniqueValues<Integer> ids = new UniqueValues<>();
        UniqueValues<Integer> sanSwitchPorts = new UniqueValues<>();
        Map<Integer, String> dispatcherPaths = new HashMap<>();
        for (int i = 0; i < dispatchers.size(); i++) {
            DispatcherConfig d = dispatchers.get(i);
            String path = "dispatchers[" + i + "]";
            ids.claim(d.id(), path + ".id", Integer.toString(d.id()));
            dispatcherPaths.put(d.id(), path);
            dpids.claim(d.dpid(), path + ".dpid", hex(d.dpid()));
            if (d.sanPort() == d.trunkPort()) {
                throw new ConfigException(path + ".sanPort",
                        d.sanPort() + " is already used by " + path + ".trunkPort");
            }
            sanSwitchPorts.claim(d.sanSwitchPort(), path + ".sanSwitchPort", Integer.toString(d.sanSwitchPort()));
        }
        dpids.claim(san.dpid(), "san.dpid", hex(san.dpid()));
        for (int i = 0; i < servers.size(); i++) {
            int port = servers.get(i).sanSwitchPort();
            sanSwitchPorts.claim(port, "servers[" + i + "].sanSwitchPort", Integer.toString(port));
        }

        UniqueValues<Integer> routerPorts = new UniqueValues<>();
        for (int i = 0; i < router.clientPorts().size(); i++) {
            int port = router.clientPorts().get(i);
            routerPorts.claim(port, "router.clientPorts[" + i + "]", Integer.toString(port));
        }
        UniqueValues<Integer> linked = new UniqueValues<>();
        List<TrunkLinkConfig> links = router.trunk().links();
        for (int i = 0; i < links.size(); i++) {
            TrunkLinkConfig link = links.get(i);
            String path = "router.trunk.links[" + i + "]";
            if (!dispatcherPaths.containsKey(link.dispatcher())) {
                throw new ConfigException(path + ".dispatcher", link.dispatcher() + " names an unknown dispatcher"
                        + " (configured ids: " + dispatcherIds(dispatchers) + ")");
            }
            linked.claim(link.dispatcher(), path + ".dispatcher", Integer.toString(link.dispatcher()));
            routerPorts.claim(link.port(), path + ".port", Integer.toString(link.port()));
        }
        for (DispatcherConfig d : dispatchers) {
            if (linked.firstUse(d.id()) == null) {
                throw new ConfigException("router.trunk.links", "dispatcher " + d.id() + " ("
                        + dispatcherPaths.get(d.id()) + ") has no trunk link");
            }
        }
    }

    private static void checkAddresses(RouterConfig router, SanConfig san, List<ServerConfig> servers,
                                       List<ServiceConfig> services) throws ConfigException {
        UniqueValues<Integer> hosts = new UniqueValues<>();
        hosts.claim(router.gateway().ip(), "router.gateway.ip", quoted(router.gateway().ip()));
        hosts.claim(san.gateway().ip(), "san.gateway.ip", quoted(san.gateway().ip()));
        UniqueValues<String> names = new UniqueValues<>();
        UniqueValues<Long> macs = new UniqueValues<>();
        macs.claim(router.gateway().mac(), "router.gateway.mac", "'" + MacAddress.format(router.gateway().mac()) + "'");
        macs.claim(san.gateway().mac(), "san.gateway.mac", "'" + MacAddress.format(san.gateway().mac()) + "'");
        for (int i = 0; i < servers.size(); i++) {
            ServerConfig s = servers.get(i);
            String path = "servers[" + i + "]";
            names.claim(s.name(), path + ".name", "'" + s.name() + "'");
            hosts.claim(s.ip(), path + ".ip", quoted(s.ip()));
            if (s.mac() != MacAddress.UNKNOWN) {
                macs.claim(s.mac(), path + ".mac", "'" + MacAddress.format(s.mac()) + "'");
            }
        }
        for (int i = 0; i < services.size(); i++) {
            int vip = services.get(i).vip();
            String host = hosts.firstUse(vip);
            if (host != null) {
                throw new ConfigException("services[" + i + "].vip", quoted(vip) + " is already used by " + host);
            }
        }
    }

    private static void checkGroups(List<ServerConfig> servers, List<GroupConfig> groups) throws ConfigException {
        List<String> serverNames = servers.stream().map(ServerConfig::name).toList();
        UniqueValues<String> names = new UniqueValues<>();
        for (int i = 0; i < groups.size(); i++) {
            GroupConfig g = groups.get(i);
            String path = "groups[" + i + "]";
            names.claim(g.name(), path + ".name", "'" + g.name() + "'");
            UniqueValues<String> members = new UniqueValues<>();
            for (int m = 0; m < g.servers().size(); m++) {
                String member = g.servers().get(m);
                String memberPath = path + ".servers[" + m + "]";
                if (!serverNames.contains(member)) {
                    throw new ConfigException(memberPath, "'" + member + "' names an unknown server");
                }
                members.claim(member, memberPath, "'" + member + "'");
            }
        }
    }

    private static void checkServices(List<GroupConfig> groups, List<ServiceConfig> services) throws ConfigException {
        List<String> groupNames = groups.stream().map(GroupConfig::name).toList();
        UniqueValues<String> names = new UniqueValues<>();
        UniqueValues<Long> addresses = new UniqueValues<>();
        for (int i = 0; i < services.size(); i++) {
            ServiceConfig s = services.get(i);
            String path = "services[" + i + "]";
            names.claim(s.name(), path + ".name", "'" + s.name() + "'");
            if (!groupNames.contains(s.group())) {
                throw new ConfigException(path + ".group", "'" + s.group() + "' names an unknown group");
            }
            ServiceId id = ServiceId.of(s.vip(), s.protocol(), s.port());
            addresses.claim(id.packed(), path, id.toString());
        }
    }

    private static String dispatcherIds(List<DispatcherConfig> dispatchers) {
        StringBuilder ids = new StringBuilder();
        for (DispatcherConfig d : dispatchers) {
            ids.append(ids.length() == 0 ? "" : ", ").append(d.id());
        }
        return ids.toString();
    }

    private static String hex(long dpid) {
        return "0x" + Long.toHexString(dpid);
    }

    private static String quoted(int ip) {
        return "'" + Ipv4.format(ip) + "'";
    }
}
