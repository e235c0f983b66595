package dev.switchboard.rules;

import dev.switchboard.dispatch.model.DispatcherId;
import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the router's rules depend on: its datapath id, client ports, the trunk (one link per dispatcher),
 * the client gateway, the VIPs and the trunk mode. Immutable and validated by {@link Builder#build()}.
 */
public final class RouterTopology {
    private final long dpid;
    private final List<Integer> clientPorts;
    private final Map<Integer, Integer> trunkPorts;
    private final Map<Integer, Long> dispatcherMacs;
    private final int gatewayIp;
    private final long gatewayMac;
    private final int[] vips;
    private final TrunkMode trunkMode;

    private RouterTopology(Builder b) {
        this.dpid = b.dpid;
        this.clientPorts = Collections.unmodifiableList(new ArrayList<>(b.clientPorts));
        this.trunkPorts = Collections.unmodifiableMap(new TreeMap<>(b.trunkPorts));
        TreeMap<Integer, Long> macs = new TreeMap<>();
        for (int id : trunkPorts.keySet()) {
            macs.put(id, b.dispatcherMacs.getOrDefault(id, RuleConstants.dispatcherMac(id)));
        }
        this.dispatcherMacs = Collections.unmodifiableMap(macs);
        this.gatewayIp = b.gatewayIp;
        this.gatewayMac = b.gatewayMac;
        this.vips = b.vips.stream().mapToInt(Integer::intValue).sorted().toArray();
        this.trunkMode = b.trunkMode;
    }

    /** @return a builder for the router with this datapath id */
    public static Builder builder(long dpid) {
        return new Builder(dpid);
    }

    /** @return the router's datapath id */
    public long dpid() {
        return dpid;
    }

    /** @return the ports clients are attached to, in configuration order */
    public List<Integer> clientPorts() {
        return clientPorts;
    }

    /** @return trunk port per dispatcher id, ascending by id (the order of the trunk group's buckets) */
    public Map<Integer, Integer> trunkPorts() {
        return trunkPorts;
    }

    /** @return the lock-redirection MAC per dispatcher id, ascending by id */
    public Map<Integer, Long> dispatcherMacs() {
        return dispatcherMacs;
    }

    /** @return the client gateway address the controller answers ARP for (rules do not match on it) */
    public int gatewayIp() {
        return gatewayIp;
    }

    /** @return the client gateway MAC, the source of every frame the router delivers to a client */
    public long gatewayMac() {
        return gatewayMac;
    }

    /** @return the VIPs, ascending */
    public int[] vips() {
        return vips.clone();
    }

    /** @return whether an address is one of the VIPs */
    public boolean isVip(int address) {
        return Arrays.binarySearch(vips, address) >= 0;
    }

    /** @return how VIP traffic is spread over the trunk */
    public TrunkMode trunkMode() {
        return trunkMode;
    }

    /** Collects the router's topology. */
    public static final class Builder {
        private final long dpid;
        private final Set<Integer> clientPorts = new LinkedHashSet<>();
        private final Map<Integer, Integer> trunkPorts = new TreeMap<>();
        private final Map<Integer, Long> dispatcherMacs = new TreeMap<>();
        private final Set<Integer> vips = new LinkedHashSet<>();
        private int gatewayIp;
        private long gatewayMac = MacAddress.UNKNOWN;
        private TrunkMode trunkMode = TrunkMode.FLOW_HASH;

        private Builder(long dpid) {
            this.dpid = dpid;
        }

        /** Adds client ports. */
        public Builder clientPorts(int... ports) {
            for (int port : ports) {
                checkPort("client port", port);
                if (!clientPorts.add(port)) {
                    throw new IllegalArgumentException("client port " + port + " is listed twice");
                }
            }
            return this;
        }

        /** Adds the trunk link to one dispatcher. */
        public Builder trunkLink(int dispatcherId, int port) {
            DispatcherId.check(dispatcherId);
            checkPort("trunk port of dispatcher " + dispatcherId, port);
            if (trunkPorts.containsKey(dispatcherId)) {
                throw new IllegalArgumentException("dispatcher " + dispatcherId + " has two trunk links");
            }
            trunkPorts.put(dispatcherId, port);
            return this;
        }

        /** Overrides a dispatcher's lock-redirection MAC (default {@link RuleConstants#dispatcherMac}). */
        public Builder dispatcherMac(int dispatcherId, long mac) {
            DispatcherId.check(dispatcherId);
            dispatcherMacs.put(dispatcherId, checkMac("MAC of dispatcher " + dispatcherId, mac));
            return this;
        }

        /** Sets the client gateway. */
        public Builder gateway(int ip, long mac) {
            this.gatewayIp = ip;
            this.gatewayMac = checkMac("gateway MAC", mac);
            return this;
        }

        /** Adds VIPs. */
        public Builder vips(int... addresses) {
            for (int vip : addresses) {
                vips.add(vip);
            }
            return this;
        }

        /** Sets the trunk mode; default {@link TrunkMode#FLOW_HASH}. */
        public Builder trunkMode(TrunkMode mode) {
            if (mode == null) {
                throw new IllegalArgumentException("trunk mode is missing");
            }
            this.trunkMode = mode;
            return this;
        }

        /**
         * @return the topology
         * @throws IllegalArgumentException naming what is missing or conflicting
         */
        public RouterTopology build() {
            String where = String.format("router 0x%x", dpid);
            if (trunkPorts.isEmpty()) {
                throw new IllegalArgumentException(where + ": the trunk needs at least one dispatcher link");
            }
            if (gatewayMac == MacAddress.UNKNOWN) {
                throw new IllegalArgumentException(where + ": the client gateway is missing");
            }
            for (Map.Entry<Integer, Integer> link : trunkPorts.entrySet()) {
                if (clientPorts.contains(link.getValue())) {
                    throw new IllegalArgumentException(where + ": port " + link.getValue()
                            + " is both a client port and the trunk port of dispatcher " + link.getKey());
                }
            }
            if (trunkPorts.values().stream().distinct().count() != trunkPorts.size()) {
                throw new IllegalArgumentException(where + ": two dispatchers share a trunk port " + trunkPorts);
            }
            for (Integer id : dispatcherMacs.keySet()) {
                if (!trunkPorts.containsKey(id)) {
                    throw new IllegalArgumentException(where + ": MAC given for dispatcher " + id
                            + ", which has no trunk link");
                }
            }
            if (vips.contains(gatewayIp)) {
                throw new IllegalArgumentException(where + ": gateway " + Ipv4.format(gatewayIp) + " is also a VIP");
            }
            RouterTopology topology = new RouterTopology(this);
            if (topology.dispatcherMacs.values().stream().distinct().count() != topology.dispatcherMacs.size()) {
                throw new IllegalArgumentException(where + ": two dispatchers share a MAC address");
            }
            return topology;
        }

        private static void checkPort(String what, int port) {
            if (port < 1 || port > RuleConstants.MAX_PORT) {
                throw new IllegalArgumentException(what + " must be 1.." + RuleConstants.MAX_PORT + ", was " + port);
            }
        }

        private static long checkMac(String what, long mac) {
            if (mac < 0 || mac > 0xffff_ffff_ffffL) {
                throw new IllegalArgumentException(what + " is not a MAC address: " + mac);
            }
            return mac;
        }
    }
}
