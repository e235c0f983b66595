package dev.switchboard.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tiny OpenFlow 1.3 pipeline for one switch that executes compiled rules: per table the highest-priority
 * matching rule wins, its actions apply in order to the packet, outputs emit the packet as it is at that
 * point, a goto continues in the later table, a table miss drops. SELECT groups pick a live bucket (watch port
 * up) by the packet's flow hash modulo the number of live buckets, in bucket order, as OVS's hash methods do.
 *
 * <p>It is stricter than a switch where a switch would hide a bug: a rule for another datapath, a group that
 * was not installed, and two equal-priority rules with different actions matching one packet all throw.
 */
public final class FakeFlowTable {
    /** Emission port of packets sent to the controller. */
    public static final long CONTROLLER = -1;

    private final long dpid;
    private final Map<String, FlowRule> rules = new LinkedHashMap<>();
    private final Map<Long, GroupRule> groups = new LinkedHashMap<>();
    private final Set<Long> downPorts = new HashSet<>();

    /** @param dpid the switch this table simulates */
    public FakeFlowTable(long dpid) {
        this.dpid = dpid;
    }

    /** @return a table holding a compiler's groups and flows */
    public static FakeFlowTable of(long dpid, RuleSet ruleSet) {
        return new FakeFlowTable(dpid).install(ruleSet);
    }

    /** Installs groups and flows; a flow with the same table, priority and match replaces the old one. */
    public FakeFlowTable install(RuleSet ruleSet) {
        ruleSet.groups().forEach(this::install);
        ruleSet.flows().forEach(this::install);
        return this;
    }

    /** Installs one flow rule, replacing one with the same table, priority and match (OpenFlow ADD). */
    public FakeFlowTable install(FlowRule rule) {
        requireDevice(rule.deviceId(), rule);
        for (Action a : rule.actions()) {
            if (a.type() == Action.Type.GROUP && !groups.containsKey(a.groupId())) {
                throw new IllegalStateException("rule names group " + a.groupId() + ", not installed: " + rule);
            }
        }
        rules.put(identity(rule.tableId(), rule.priority(), rule.match()), rule);
        return this;
    }

    /** Installs or replaces one group. */
    public FakeFlowTable install(GroupRule group) {
        requireDevice(group.deviceId(), group);
        groups.put(group.groupId(), group);
        return this;
    }

    /** Applies a strict or cookie delete. */
    public FakeFlowTable remove(FlowDelete delete) {
        requireDevice(delete.deviceId(), delete);
        if (delete.isStrict()) {
            rules.remove(identity(delete.tableId(), delete.priority(), delete.match()));
            return this;
        }
        rules.values().removeIf(r -> (delete.tableId() == FlowDelete.ALL_TABLES || r.tableId() == delete.tableId())
                && (r.cookie() & delete.cookieMask()) == (delete.cookie() & delete.cookieMask()));
        return this;
    }

    /** Takes a port down: SELECT buckets watching it are no longer chosen. */
    public FakeFlowTable portDown(long port) {
        downPorts.add(port);
        return this;
    }

    /** @return the datapath id of the simulated switch */
    public long dpid() {
        return dpid;
    }

    /** @return the installed flow rules */
    public Collection<FlowRule> rules() {
        return rules.values();
    }

    /**
     * Runs a packet through the pipeline.
     *
     * @param inPort the port it arrives on
     * @param packet the packet
     * @return what leaves the switch, in order
     */
    public List<Emission> process(long inPort, TestPacket packet) {
        List<Emission> out = new ArrayList<>();
        TestPacket current = packet;
        int table = 0;
        while (table >= 0) {
            FlowRule rule = lookup(table, inPort, current);
            if (rule == null) {
                break;
            }
            current = apply(rule.applyActions(), inPort, current, rule.cookie(), out);
            table = rule.gotoTable();
        }
        return out;
    }

    /**
     * @return the rule that would match the packet in a table, or {@code null} on a table miss
     * @throws IllegalStateException when two equal-priority rules with different actions both match
     */
    public FlowRule lookup(int table, long inPort, TestPacket packet) {
        FlowRule best = null;
        for (FlowRule r : rules.values()) {
            if (r.tableId() != table || !matches(r.match(), inPort, packet)) {
                continue;
            }
            if (best == null || r.priority() > best.priority()) {
                best = r;
            } else if (r.priority() == best.priority() && !r.actions().equals(best.actions())) {
                throw new IllegalStateException("ambiguous: " + best + " and " + r + " both match " + packet);
            }
        }
        return best;
    }

    private TestPacket apply(List<Action> actions, long inPort, TestPacket packet, long cookie, List<Emission> out) {
        TestPacket current = packet;
        for (Action a : actions) {
            switch (a.type()) {
                case OUTPUT:
                    if (a.port() != inPort) {
                        out.add(new Emission(a.port(), current, cookie));
                    }
                    break;
                case OUTPUT_IN_PORT:
                    out.add(new Emission(inPort, current, cookie));
                    break;
                case OUTPUT_CONTROLLER:
                    out.add(new Emission(CONTROLLER, current, cookie));
                    break;
                case GROUP:
                    Bucket bucket = selectBucket(a.groupId(), current);
                    if (bucket != null) {
                        apply(bucket.actions(), inPort, current, cookie, out);
                    }
                    break;
                default:
                    current = current.apply(a);
            }
        }
        return current;
    }

    private Bucket selectBucket(long groupId, TestPacket packet) {
        GroupRule group = groups.get(groupId);
        if (group == null) {
            throw new IllegalStateException("group " + groupId + " is not installed on 0x" + Long.toHexString(dpid));
        }
        List<Bucket> live = new ArrayList<>();
        for (Bucket b : group.buckets()) {
            if (!downPorts.contains(b.watchPort())) {
                live.add(b);
            }
        }
        if (live.isEmpty()) {
            return null;
        }
        return live.get(Math.floorMod(packet.flowHash(), live.size()));
    }

    private static boolean matches(Match match, long inPort, TestPacket packet) {
        for (Match.Field f : match.fields()) {
            if (f == Match.Field.IN_PORT) {
                if (match.value(f) != inPort) {
                    return false;
                }
            } else if (f == Match.Field.TCP_FLAGS) {
                if ((packet.field(f) & match.tcpFlagsMask()) != match.value(f)) {
                    return false;
                }
            } else if (packet.field(f) != match.value(f)) {
                return false;
            }
        }
        return true;
    }

    private void requireDevice(long deviceId, Object what) {
        if (deviceId != dpid) {
            throw new IllegalStateException(String.format("0x%x is not this switch (0x%x): %s", deviceId, dpid, what));
        }
    }

    private static String identity(int table, int priority, Match match) {
        return table + "/" + priority + "/" + match;
    }

    /** A packet leaving the switch: its port ({@link #CONTROLLER} for a packet-in) and the emitting rule. */
    public static final class Emission {
        private final long port;
        private final TestPacket packet;
        private final long cookie;

        Emission(long port, TestPacket packet, long cookie) {
            this.port = port;
            this.packet = packet;
            this.cookie = cookie;
        }

        public long port() {
            return port;
        }

        public TestPacket packet() {
            return packet;
        }

        /** @return the cookie of the rule that emitted it (what a PACKET_IN reports) */
        public long cookie() {
            return cookie;
        }

        @Override
        public String toString() {
            return (port == CONTROLLER ? "controller" : "port " + port) + " " + packet + " by "
                    + Cookies.kindOf(cookie);
        }
    }
}
