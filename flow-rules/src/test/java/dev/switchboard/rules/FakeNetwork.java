package dev.switchboard.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Switches ({@link FakeFlowTable}s) joined by links, with named hosts on edge ports: a packet a host sends is
 * followed through every switch until it reaches hosts, the controller, or is dropped.
 */
public final class FakeNetwork {
    private static final int MAX_HOPS = 32;

    private final Map<Long, FakeFlowTable> switches = new LinkedHashMap<>();
    private final Map<PortRef, PortRef> links = new LinkedHashMap<>();
    private final Map<PortRef, String> hosts = new LinkedHashMap<>();
    private final Map<String, PortRef> hostPorts = new LinkedHashMap<>();

    /** Adds a switch. */
    public FakeNetwork add(FakeFlowTable table) {
        switches.put(table.dpid(), table);
        return this;
    }

    /** @return the switch with this datapath id */
    public FakeFlowTable switchAt(long dpid) {
        return Objects.requireNonNull(switches.get(dpid), () -> "no switch 0x" + Long.toHexString(dpid));
    }

    /** Connects two switch ports (both directions). */
    public FakeNetwork link(long dpidA, long portA, long dpidB, long portB) {
        links.put(new PortRef(dpidA, portA), new PortRef(dpidB, portB));
        links.put(new PortRef(dpidB, portB), new PortRef(dpidA, portA));
        return this;
    }

    /** Attaches a named host to a switch port. */
    public FakeNetwork host(String name, long dpid, long port) {
        hosts.put(new PortRef(dpid, port), name);
        hostPorts.put(name, new PortRef(dpid, port));
        return this;
    }

    /**
     * @param host the sending host
     * @param packet what it sends
     * @return where the packet and its copies went
     */
    public Trace send(String host, TestPacket packet) {
        PortRef start = Objects.requireNonNull(hostPorts.get(host), () -> "no host " + host);
        Trace trace = new Trace();
        Deque<Hop> pending = new ArrayDeque<>();
        pending.add(new Hop(start, packet, 0));
        while (!pending.isEmpty()) {
            Hop hop = pending.poll();
            PortRef at = hop.at;
            if (hop.count > MAX_HOPS) {
                throw new IllegalStateException("forwarding loop: " + trace.path);
            }
            for (FakeFlowTable.Emission e : switchAt(at.dpid).process(at.port, hop.packet)) {
                if (e.port() == FakeFlowTable.CONTROLLER) {
                    trace.packetIns.add(new PacketIn(at.dpid, at.port, e.packet(), Cookies.kindOf(e.cookie())));
                    continue;
                }
                PortRef out = new PortRef(at.dpid, e.port());
                trace.path.add(out.toString());
                String receiver = hosts.get(out);
                if (receiver != null) {
                    trace.deliveries.add(new Delivery(receiver, e.packet()));
                } else if (links.containsKey(out)) {
                    pending.add(new Hop(links.get(out), e.packet(), hop.count + 1));
                }
            }
        }
        return trace;
    }

    /** What happened to one sent packet. */
    public static final class Trace {
        private final List<Delivery> deliveries = new ArrayList<>();
        private final List<PacketIn> packetIns = new ArrayList<>();
        private final List<String> path = new ArrayList<>();

        /** @return packets that reached hosts */
        public List<Delivery> deliveries() {
            return Collections.unmodifiableList(deliveries);
        }

        /** @return packets sent to the controller */
        public List<PacketIn> packetIns() {
            return Collections.unmodifiableList(packetIns);
        }

        /** @return every switch port a packet left through, as {@code 0xdpid:port}, in order */
        public List<String> path() {
            return Collections.unmodifiableList(path);
        }

        @Override
        public String toString() {
            return "delivered " + deliveries + ", packet-ins " + packetIns + ", via " + path;
        }
    }

    /** A packet that reached a host. */
    public static final class Delivery {
        private final String host;
        private final TestPacket packet;

        Delivery(String host, TestPacket packet) {
            this.host = host;
            this.packet = packet;
        }

        public String host() {
            return host;
        }

        public TestPacket packet() {
            return packet;
        }

        @Override
        public String toString() {
            return host + ": " + packet;
        }
    }

    /** A packet a switch sent to the controller, with the kind of the rule that sent it. */
    public static final class PacketIn {
        private final long dpid;
        private final long inPort;
        private final TestPacket packet;
        private final RuleKind kind;

        PacketIn(long dpid, long inPort, TestPacket packet, RuleKind kind) {
            this.dpid = dpid;
            this.inPort = inPort;
            this.packet = packet;
            this.kind = kind;
        }

        public long dpid() {
            return dpid;
        }

        public long inPort() {
            return inPort;
        }

        public TestPacket packet() {
            return packet;
        }

        public RuleKind kind() {
            return kind;
        }

        @Override
        public String toString() {
            return String.format("0x%x:%d %s by %s", dpid, inPort, packet, kind);
        }
    }

    /** A packet arriving at a switch port, and how many links it crossed. */
    private static final class Hop {
        final PortRef at;
        final TestPacket packet;
        final int count;

        Hop(PortRef at, TestPacket packet, int count) {
            this.at = at;
            this.packet = packet;
            this.count = count;
        }
    }

    private static final class PortRef {
        final long dpid;
        final long port;

        PortRef(long dpid, long port) {
            this.dpid = dpid;
            this.port = port;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PortRef && ((PortRef) o).dpid == dpid && ((PortRef) o).port == port;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(dpid * 31 + port);
        }

        @Override
        public String toString() {
            return "0x" + Long.toHexString(dpid) + ":" + port;
        }
    }
}
