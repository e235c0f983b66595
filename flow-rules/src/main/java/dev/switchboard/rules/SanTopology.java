package dev.switchboard.rules;

import dev.switchboard.dispatch.model.DispatcherId;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The SAN switch: datapath id, one port per dispatcher and one port per server (by server name). */
public final class SanTopology {
    private final long dpid;
    private final Map<Integer, Integer> dispatcherPorts;
    private final Map<String, Integer> serverPorts;

    private SanTopology(long dpid, Map<Integer, Integer> dispatcherPorts, Map<String, Integer> serverPorts) {
        this.dpid = dpid;
        this.dispatcherPorts = dispatcherPorts;
        this.serverPorts = serverPorts;
    }

    /**
     * @param dpid the switch's datapath id
     * @param dispatcherPorts port per dispatcher id; at least one
     * @param serverPorts port per server name; servers the catalog does not know are ignored
     * @throws IllegalArgumentException when a port is out of range or used twice
     */
    public static SanTopology of(long dpid, Map<Integer, Integer> dispatcherPorts, Map<String, Integer> serverPorts) {
        String where = String.format("SAN switch 0x%x", dpid);
        if (dispatcherPorts.isEmpty()) {
            throw new IllegalArgumentException(where + ": needs at least one dispatcher port");
        }
        Set<Integer> used = new HashSet<>();
        for (Map.Entry<Integer, Integer> e : dispatcherPorts.entrySet()) {
            DispatcherId.check(e.getKey());
            checkPort(where, "dispatcher " + e.getKey(), e.getValue(), used);
        }
        for (Map.Entry<String, Integer> e : serverPorts.entrySet()) {
            checkPort(where, "server '" + e.getKey() + "'", e.getValue(), used);
        }
        return new SanTopology(dpid, Collections.unmodifiableMap(new TreeMap<>(dispatcherPorts)),
                Collections.unmodifiableMap(new TreeMap<>(serverPorts)));
    }

    private static void checkPort(String where, String what, Integer port, Set<Integer> used) {
        if (port == null || port < 1) {
            throw new IllegalArgumentException(where + ": port of " + what + " must be 1 or more, was " + port);
        }
        if (!used.add(port)) {
            throw new IllegalArgumentException(where + ": port " + port + " of " + what + " is used twice");
        }
    }

    /** @return the SAN switch's datapath id */
    public long dpid() {
        return dpid;
    }

    /** @return port per dispatcher id, ascending by id (the order of the uplink group's buckets) */
    public Map<Integer, Integer> dispatcherPorts() {
        return dispatcherPorts;
    }

    /** @return port per server name */
    public Map<String, Integer> serverPorts() {
        return serverPorts;
    }
}
