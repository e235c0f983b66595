package dev.switchboard.onos.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.dispatch.DispatchSettings;
import dev.switchboard.dispatch.DispatcherCounters.Counter;
import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.Service;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.dispatch.table.SessionFlags;
import dev.switchboard.onos.api.DispatchSession;
import dev.switchboard.onos.api.DispatchStatistics;
import dev.switchboard.onos.api.DispatcherStatus;
import dev.switchboard.onos.config.DeviceIds;
import dev.switchboard.onos.config.GroupSpec;
import dev.switchboard.onos.config.ServerSpec;
import dev.switchboard.onos.config.ServiceSpec;
import dev.switchboard.onos.config.SwitchboardTopology;
import dev.switchboard.onos.config.TopologyCodec;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON shapes of docs/api.md, built from the app's configuration, catalog and distributed table. Fields the
 * ONOS runtime adds ({@code deviceId}, {@code master}, {@code local}, {@code tombstones}) come after the
 * contract's; clients ignore fields they do not know.
 */
public final class ApiViews {
    /** The mapper every view is built with. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiViews() {
    }

    /** @return {@code Service} */
    public static ObjectNode service(ServiceSpec s) {
        return TopologyCodec.encodeService(s, MAPPER);
    }

    /** @return {@code Group}: its members and the services it serves */
    public static ObjectNode group(GroupSpec g, SwitchboardTopology t) {
        ObjectNode o = MAPPER.createObjectNode().put("name", g.name());
        ArrayNode servers = o.putArray("servers");
        g.servers().forEach(servers::add);
        ArrayNode services = o.putArray("services");
        t.services().stream().filter(s -> s.group().equals(g.name())).forEach(s -> services.add(s.name()));
        return o;
    }

    /**
     * @param c the catalog, for the reported load
     * @param activeSessions live sessions on the server
     * @return {@code Server}
     */
    public static ObjectNode server(ServerSpec s, SwitchboardTopology t, ServiceCatalog c, int activeSessions) {
        ObjectNode o = MAPPER.createObjectNode().put("name", s.name()).put("ip", Ipv4.format(s.ip()));
        if (s.mac() == MacAddress.UNKNOWN) {
            o.putNull("mac");
        } else {
            o.put("mac", MacAddress.format(s.mac()));
        }
        o.put("sanSwitchPort", s.sanSwitchPort().toLong()).put("weight", s.weight())
                .put("state", TopologyCodec.stateName(s.state())).put("load", load(c, s.name()));
        ArrayNode groups = o.putArray("groups");
        t.groups().stream().filter(g -> g.servers().contains(s.name())).forEach(g -> groups.add(g.name()));
        return o.put("activeSessions", activeSessions);
    }

    private static double load(ServiceCatalog c, String server) {
        Server s = c.server(server);
        return s == null ? 0.0 : s.reportedLoad();
    }

    /** @return every dispatcher counter in lowerCamelCase, 0 for those not given */
    public static ObjectNode counters(Map<Counter, Long> counters) {
        ObjectNode o = MAPPER.createObjectNode();
        for (Counter c : Counter.values()) {
            o.put(counterName(c), counters.getOrDefault(c, 0L));
        }
        return o;
    }

    /** @return a counter's API name, such as {@code sessionsPlaced} */
    public static String counterName(Enum<?> counter) {
        String[] words = counter.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }

    /**
     * {@code Dispatcher}. Table size, locks, readiness and counters are known for the dispatchers this node runs
     * ({@code local}); for one another node runs they read 0 and false, and {@code master} names that node.
     */
    public static ObjectNode dispatcher(DispatcherStatus d) {
        ObjectNode o = MAPPER.createObjectNode().put("id", d.id())
                .put("dpid", "0x" + Long.toHexString(DeviceIds.dpid(d.device())))
                .put("connected", d.available()).put("ready", d.ready()).put("trunkUp", d.trunkUp())
                .put("tableSize", d.sessions()).put("locksHeld", d.locks());
        o.set("counters", counters(d.counters()));
        o.put("deviceId", d.device().toString()).put("local", d.local());
        if (d.master() == null) {
            o.putNull("master");
        } else {
            o.put("master", d.master());
        }
        return o;
    }

    /** @return the lowest id of a ready dispatcher this node runs, or {@code null} */
    public static Integer source(List<DispatcherStatus> dispatchers) {
        return dispatchers.stream().filter(d -> d.local() && d.ready()).map(DispatcherStatus::id).min(Integer::compare)
                .orElse(null);
    }

    private static ObjectNode key(SessionKey key, ServiceCatalog c) {
        ObjectNode o = MAPPER.createObjectNode().put("key", key.toKeyString())
                .put("protocol", key.protocol().name().toLowerCase(Locale.ROOT))
                .put("client", Ipv4.format(key.clientAddress())).put("clientPort", key.clientPort())
                .put("vip", Ipv4.format(key.vip())).put("vipPort", key.vipPort());
        Service service = c.serviceAt(key.vip(), key.protocol().ipNumber(), key.vipPort());
        if (service == null) {
            o.putNull("service");
        } else {
            o.put("service", service.name());
        }
        return o;
    }

    /** @return {@code Session}; {@code service} and {@code server} are null once gone from the catalog */
    public static ObjectNode session(DispatchSession s, ServiceCatalog c) {
        ObjectNode o = key(s.key(), c);
        Server server = s.server() == null ? null : c.server(s.server());
        if (server == null) {
            o.putNull("server");
            o.putNull("serverIp");
        } else {
            o.put("server", server.name()).put("serverIp", Ipv4.format(server.address()));
        }
        o.put("placedBy", s.owner()).put("clientFin", (s.flags() & SessionFlags.CLIENT_FIN) != 0)
                .put("serverFin", (s.flags() & SessionFlags.SERVER_FIN) != 0)
                .put("reset", (s.flags() & SessionFlags.RESET) != 0);
        ArrayNode idle = o.putArray("idleOn");
        for (int d = 0; d < Long.SIZE; d++) {
            if ((s.idleMask() & (1L << d)) != 0) {
                idle.add(d);
            }
        }
        return o;
    }

    /** @return {@code Lock} */
    public static ObjectNode lock(DispatchSession s, ServiceCatalog c) {
        return key(s.key(), c).put("lockedBy", s.owner());
    }

    /** @return {@code Stats}: the distributed table's totals, every dispatcher, every server */
    public static ObjectNode stats(DispatchStatistics s, List<DispatcherStatus> dispatchers, SwitchboardTopology t,
                                   ServiceCatalog c) {
        ObjectNode o = MAPPER.createObjectNode().put("activeSessions", s.sessions())
                .put("sessionsPlacedPerSecond", Math.round(s.sessionsPlacedPerSecond() * 1000) / 1000.0)
                .put("locksHeld", s.locks());
        Integer source = source(dispatchers);
        if (source == null) {
            o.putNull("source");
        } else {
            o.put("source", source);
        }
        ArrayNode array = o.putArray("dispatchers");
        dispatchers.forEach(d -> array.add(dispatcher(d)));
        ArrayNode servers = o.putArray("servers");
        for (ServerSpec server : t == null ? List.<ServerSpec>of() : t.servers()) {
            ObjectNode v = servers.addObject().put("name", server.name());
            String group = t.groups().stream().filter(g -> g.servers().contains(server.name())).map(GroupSpec::name)
                    .findFirst().orElse(null);
            if (group == null) {
                v.putNull("group");
            } else {
                v.put("group", group);
            }
            v.put("activeSessions", s.sessionsPerServer().getOrDefault(server.name(), 0))
                    .put("weight", server.weight()).put("state", TopologyCodec.stateName(server.state()))
                    .put("load", load(c, server.name()));
        }
        o.set("totals", counters(s.localCounters()));
        return o.put("tombstones", s.tombstones());
    }

    /** @return {@code Config}: the dispatch settings in force */
    public static ObjectNode config(DispatchSettings s) {
        return MAPPER.createObjectNode().put("strategy", s.strategy().configName())
                .put("lockTtlMillis", s.lockTtl().toMillis())
                .put("idleTimeoutSeconds", s.idleTimeout().toSeconds())
                .put("finLingerMillis", s.finLinger().toMillis())
                .put("fallback", s.fallback().configName());
    }
}
