package dev.switchboard.controller.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.switchboard.controller.dispatch.DispatcherStatus;
import dev.switchboard.controller.dispatch.SwitchboardStats;
import dev.switchboard.dispatch.DispatchSettings;
import dev.switchboard.dispatch.DispatcherCounters.Counter;
import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;
import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServerGroup;
import dev.switchboard.dispatch.model.ServerState;
import dev.switchboard.dispatch.model.Service;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.dispatch.table.ClientLock;
import dev.switchboard.dispatch.table.SessionEntry;
import dev.switchboard.dispatch.table.SessionFlags;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes of docs/api.md, built from the dispatch model. */
final class Views {
    private Views() {
    }

    /** @return how the API spells a server state: active, draining, disabled */
    static String state(ServerState state) {
        switch (state) {
            case ACTIVE:
                return "active";
            case DRAINING:
                return "draining";
            default:
                return "disabled";
        }
    }

    static String protocol(Protocol p) {
        return p.name().toLowerCase(Locale.ROOT);
    }

    static JsonObject service(Service s) {
        JsonObject o = new JsonObject();
        o.addProperty("name", s.name());
        o.addProperty("vip", Ipv4.format(s.id().vip()));
        o.addProperty("protocol", protocol(s.id().protocol()));
        o.addProperty("port", s.id().port());
        o.addProperty("group", s.group());
        return o;
    }

    static JsonObject group(ServerGroup g, ServiceCatalog c) {
        JsonObject o = new JsonObject();
        o.addProperty("name", g.name());
        JsonArray servers = new JsonArray();
        for (int index : g.members()) {
            servers.add(c.server(index).name());
        }
        o.add("servers", servers);
        JsonArray services = new JsonArray();
        for (Service s : c.services()) {
            if (s.group().equals(g.name())) {
                services.add(s.name());
            }
        }
        o.add("services", services);
        return o;
    }

    /**
     * @param sanSwitchPort the server's SAN switch port, or -1 when unknown
     */
    static JsonObject server(Server s, ServiceCatalog c, int activeSessions, int sanSwitchPort) {
        JsonObject o = new JsonObject();
        o.addProperty("name", s.name());
        o.addProperty("ip", Ipv4.format(s.address()));
        o.addProperty("mac", s.mac() == MacAddress.UNKNOWN ? null : MacAddress.format(s.mac()));
        o.addProperty("sanSwitchPort", sanSwitchPort < 0 ? null : sanSwitchPort);
        o.addProperty("weight", s.weight());
        o.addProperty("state", state(s.state()));
        o.addProperty("load", s.reportedLoad());
        JsonArray groups = new JsonArray();
        c.groupsOf(s).forEach(g -> groups.add(g.name()));
        o.add("groups", groups);
        o.addProperty("activeSessions", activeSessions);
        return o;
    }

    static JsonObject counters(Map<Counter, Long> counters) {
        JsonObject o = new JsonObject();
        for (Counter c : Counter.values()) {
            o.addProperty(CounterNames.api(c), counters.getOrDefault(c, 0L));
        }
        return o;
    }

    static JsonObject dispatcher(DispatcherStatus d) {
        JsonObject o = new JsonObject();
        o.addProperty("id", d.id());
        o.addProperty("dpid", "0x" + Long.toHexString(d.dpid()));
        o.addProperty("connected", d.connected());
        o.addProperty("ready", d.ready());
        o.addProperty("trunkUp", d.trunkUp());
        o.addProperty("tableSize", d.tableSize());
        o.addProperty("locksHeld", d.locksHeld());
        o.add("counters", counters(d.counters()));
        return o;
    }

    private static void key(JsonObject o, SessionKey key, ServiceCatalog c) {
        o.addProperty("key", key.toKeyString());
        o.addProperty("protocol", protocol(key.protocol()));
        o.addProperty("client", Ipv4.format(key.clientAddress()));
        o.addProperty("clientPort", key.clientPort());
        o.addProperty("vip", Ipv4.format(key.vip()));
        o.addProperty("vipPort", key.vipPort());
        Service service = c.serviceAt(key.vip(), key.protocol().ipNumber(), key.vipPort());
        o.addProperty("service", service == null ? null : service.name());
    }

    static JsonObject session(SessionEntry e, ServiceCatalog c) {
        JsonObject o = new JsonObject();
        key(o, e.key(), c);
        Server server = c.server(e.serverIndex());
        o.addProperty("server", server == null ? null : server.name());
        o.addProperty("serverIp", server == null ? null : Ipv4.format(server.address()));
        o.addProperty("placedBy", e.placedBy());
        o.addProperty("clientFin", (e.flags() & SessionFlags.CLIENT_FIN) != 0);
        o.addProperty("serverFin", (e.flags() & SessionFlags.SERVER_FIN) != 0);
        o.addProperty("reset", (e.flags() & SessionFlags.RESET) != 0);
        JsonArray idle = new JsonArray();
        for (int d = 0; d < 64; d++) {
            if ((e.idleMask() & (1L << d)) != 0) {
                idle.add(d);
            }
        }
        o.add("idleOn", idle);
        return o;
    }

    static JsonObject lock(ClientLock l, ServiceCatalog c) {
        JsonObject o = new JsonObject();
        key(o, l.key(), c);
        o.addProperty("lockedBy", l.lockedBy());
        return o;
    }

    static JsonObject stats(SwitchboardStats s) {
        JsonObject o = new JsonObject();
        o.addProperty("activeSessions", s.activeSessions());
        o.addProperty("sessionsPlacedPerSecond", Math.round(s.sessionsPlacedPerSecond() * 1000) / 1000.0);
        o.addProperty("locksHeld", s.locksHeld());
        o.addProperty("source", s.source());
        JsonArray dispatchers = new JsonArray();
        s.dispatchers().forEach(d -> dispatchers.add(dispatcher(d)));
        o.add("dispatchers", dispatchers);
        JsonArray servers = new JsonArray();
        ServiceCatalog c = s.catalog();
        for (Server server : c.servers()) {
            JsonObject v = new JsonObject();
            v.addProperty("name", server.name());
            List<ServerGroup> groups = c.groupsOf(server);
            v.addProperty("group", groups.isEmpty() ? null : groups.get(0).name());
            v.addProperty("activeSessions", s.activeSessions(server.index()));
            v.addProperty("weight", server.weight());
            v.addProperty("state", state(server.state()));
            v.addProperty("load", server.reportedLoad());
            servers.add(v);
        }
        o.add("servers", servers);
        o.add("totals", counters(s.totals()));
        return o;
    }

    static JsonObject config(DispatchSettings s) {
        JsonObject o = new JsonObject();
        o.addProperty("strategy", s.strategy().configName());
        o.addProperty("lockTtlMillis", s.lockTtl().toMillis());
        o.addProperty("idleTimeoutSeconds", s.idleTimeout().toSeconds());
        o.addProperty("finLingerMillis", s.finLinger().toMillis());
        o.addProperty("fallback", s.fallback().configName());
        return o;
    }
}
