package dev.switchboard.harness.config;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Writes a controller configuration for k dispatchers in the layout of docs/topology.md (router 0x100 with
 * client ports 1-2 and trunk ports 3.., dispatcher d at 0x200+d, SAN switch 0x300, web and api services on the
 * VIP), so that the controller and the harness can be started on the same file for any k.
 */
public final class ConfigGenerator {
    /** Dispatchers the harness can account for (one bit each in a session's rule mask). */
    public static final int MAX_DISPATCHERS = 32;

    private static final int CLIENT_PORTS = 2;
    private static final String[][] SERVERS = {
        {"web-1", "web"}, {"web-2", "web"}, {"web-3", "web"}, {"api-1", "api"}, {"api-2", "api"}};

    private ConfigGenerator() {
    }

    /** The controller's default table sizing. */
    public static final int DEFAULT_EXPECTED_SESSIONS = 65_536;

    /** {@link #generate(int, int, int)} with the controller's default table sizing. */
    public static String generate(int dispatchers, int openflowPort) {
        return generate(dispatchers, openflowPort, DEFAULT_EXPECTED_SESSIONS);
    }

    /**
     * @param dispatchers k, 1..{@value #MAX_DISPATCHERS}
     * @param openflowPort where the controller should accept switches
     * @param expectedSessions live sessions each dispatch table is sized for (a run that outgrows it measures
     *                         the table's doubling, not steady state)
     * @return the configuration file's text
     */
    public static String generate(int dispatchers, int openflowPort, int expectedSessions) {
        if (dispatchers < 1 || dispatchers > MAX_DISPATCHERS) {
            throw new IllegalArgumentException("dispatchers: " + dispatchers + " is not in 1.." + MAX_DISPATCHERS);
        }
        if (openflowPort < 1 || openflowPort > 0xffff) {
            throw new IllegalArgumentException("openflow port: " + openflowPort + " is not in 1..65535");
        }
        if (expectedSessions < 0) {
            throw new IllegalArgumentException("expected sessions: " + expectedSessions + " is negative");
        }
        JsonObject root = new JsonObject();
        JsonObject openflow = new JsonObject();
        openflow.addProperty("listen", "127.0.0.1");
        openflow.addProperty("port", openflowPort);
        root.add("openflow", openflow);
        JsonObject rest = new JsonObject();
        rest.addProperty("listen", "127.0.0.1");
        rest.addProperty("port", openflowPort == 8181 ? 8182 : 8181);
        root.add("rest", rest);
        JsonObject dispatch = new JsonObject();
        dispatch.addProperty("strategy", "least-load");
        dispatch.addProperty("lockTtlMillis", 2000);
        dispatch.addProperty("idleTimeoutSeconds", 60);
        dispatch.addProperty("finLingerMillis", 200);
        dispatch.addProperty("fallback", "drop");
        dispatch.addProperty("expectedSessions", expectedSessions);
        // No session limit: a benchmark measures the set-up path, and sizes the heap and tables for its run.
        dispatch.addProperty("maxSessions", 0);
        root.add("dispatch", dispatch);

        JsonObject router = new JsonObject();
        router.addProperty("dpid", "0x100");
        JsonArray clientPorts = new JsonArray();
        for (int p = 1; p <= CLIENT_PORTS; p++) {
            clientPorts.add(p);
        }
        router.add("clientPorts", clientPorts);
        router.add("gateway", gateway("192.0.2.1", "02:5b:00:00:00:01"));
        JsonObject trunk = new JsonObject();
        trunk.addProperty("mode", "flow-hash");
        JsonArray links = new JsonArray();
        JsonArray dispatcherArray = new JsonArray();
        for (int d = 1; d <= dispatchers; d++) {
            JsonObject link = new JsonObject();
            link.addProperty("dispatcher", d);
            link.addProperty("port", CLIENT_PORTS + d);
            links.add(link);
            JsonObject dispatcher = new JsonObject();
            dispatcher.addProperty("id", d);
            dispatcher.addProperty("dpid", "0x" + Integer.toHexString(0x200 + d));
            dispatcher.addProperty("trunkPort", 1);
            dispatcher.addProperty("sanPort", 2);
            dispatcher.addProperty("sanSwitchPort", d);
            dispatcherArray.add(dispatcher);
        }
        trunk.add("links", links);
        router.add("trunk", trunk);
        root.add("router", router);
        root.add("dispatchers", dispatcherArray);

        JsonObject san = new JsonObject();
        san.addProperty("dpid", "0x300");
        san.add("gateway", gateway("203.0.113.1", "02:5b:00:00:00:02"));
        root.add("san", san);

        JsonArray servers = new JsonArray();
        for (int i = 0; i < SERVERS.length; i++) {
            JsonObject server = new JsonObject();
            server.addProperty("name", SERVERS[i][0]);
            server.addProperty("ip", "203.0.113." + (11 + i));
            server.addProperty("mac", String.format("02:00:00:00:0b:%02x", i + 1));
            server.addProperty("sanSwitchPort", dispatchers + 1 + i);
            server.addProperty("weight", 1);
            servers.add(server);
        }
        root.add("servers", servers);
        root.add("groups", groups());
        JsonArray services = new JsonArray();
        services.add(service("web", 80));
        services.add(service("api", 8080));
        root.add("services", services);
        return new GsonBuilder().setPrettyPrinting().create().toJson(root) + "\n";
    }

    private static JsonArray groups() {
        JsonArray groups = new JsonArray();
        for (String group : new String[] {"web", "api"}) {
            JsonObject g = new JsonObject();
            g.addProperty("name", group);
            JsonArray members = new JsonArray();
            for (String[] server : SERVERS) {
                if (server[1].equals(group)) {
                    members.add(server[0]);
                }
            }
            g.add("servers", members);
            groups.add(g);
        }
        return groups;
    }

    private static JsonObject service(String name, int port) {
        JsonObject s = new JsonObject();
        s.addProperty("name", name);
        s.addProperty("vip", "198.51.100.10");
        s.addProperty("protocol", "tcp");
        s.addProperty("port", port);
        s.addProperty("group", name);
        return s;
    }

    private static JsonObject gateway(String ip, String mac) {
        JsonObject g = new JsonObject();
        g.addProperty("ip", ip);
        g.addProperty("mac", mac);
        return g;
    }
}
