package dev.switchboard.rules;

import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.Protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compiles the router's rules (docs/topology.md, "Router"): ARP to the controller, VIP traffic from client
 * ports into the trunk SELECT group(s), lock-redirection forwarding between trunk ports, and delivery to
 * learned clients. Pure: the same topology always yields the same rules, cookies included.
 */
public final class RouterRules {
    private final RouterTopology topology;

    /** @param topology the router's ports, trunk, gateway, VIPs and trunk mode */
    public RouterRules(RouterTopology topology) {
        this.topology = Objects.requireNonNull(topology, "topology");
    }

    /** @return the trunk groups, then ARP, trunk and lock-forwarding rules: everything but client routes */
    public RuleSet staticRules() {
        List<FlowRule> flows = new ArrayList<>();
        flows.add(arpToController());
        flows.addAll(trunkRules());
        flows.addAll(lockForwardRules());
        return RuleSet.of(trunkGroups(), flows);
    }

    /**
     * One SELECT group with a bucket per dispatcher link (ascending dispatcher id) in flow-hash mode; in spray
     * mode one group per {@link TcpFlagClass}, each with the same buckets rotated by the class's rotation.
     *
     * @return the trunk groups
     */
    public List<GroupRule> trunkGroups() {
        List<Bucket> buckets = new ArrayList<>();
        for (int port : topology.trunkPorts().values()) {
            buckets.add(Bucket.outputTo(port));
        }
        List<GroupRule> groups = new ArrayList<>();
        if (topology.trunkMode() == TrunkMode.FLOW_HASH) {
            groups.add(GroupRule.select(topology.dpid(), RuleConstants.TRUNK_GROUP_BASE, buckets));
            return groups;
        }
        for (TcpFlagClass c : TcpFlagClass.values()) {
            groups.add(GroupRule.select(topology.dpid(), c.groupId(), rotate(buckets, c.rotation())));
        }
        return groups;
    }

    private static List<Bucket> rotate(List<Bucket> buckets, int by) {
        List<Bucket> rotated = new ArrayList<>(buckets.size());
        for (int i = 0; i < buckets.size(); i++) {
            rotated.add(buckets.get((i + by) % buckets.size()));
        }
        return rotated;
    }

    /** @return ARP from anywhere to the controller, which answers for the gateway and VIPs and learns clients */
    public FlowRule arpToController() {
        return verified(FlowRule.builder(topology.dpid())
                .table(RuleConstants.ROUTER_TABLE)
                .priority(RuleConstants.PRIORITY_ROUTER_ARP)
                .match(Match.builder().arp().build())
                .actions(Action.toController())
                .cookie(Cookies.of(RuleKind.ARP))
                .build());
    }

    /** @return per client port and VIP, the rule(s) that put VIP traffic into the trunk group(s) */
    public List<FlowRule> trunkRules() {
        List<FlowRule> rules = new ArrayList<>();
        for (int port : topology.clientPorts()) {
            for (int vip : topology.vips()) {
                if (topology.trunkMode() == TrunkMode.FLOW_HASH) {
                    rules.add(trunkRule(port, vip, TcpFlagClass.OTHER, 0, RuleConstants.TRUNK_GROUP_BASE));
                    continue;
                }
                for (TcpFlagClass c : TcpFlagClass.values()) {
                    if (c.flags().isEmpty()) {
                        rules.add(trunkRule(port, vip, c, 0, c.groupId()));
                    }
                    for (int flag : c.flags()) {
                        rules.add(trunkRule(port, vip, c, flag, c.groupId()));
                    }
                }
            }
        }
        return rules;
    }

    private FlowRule trunkRule(int port, int vip, TcpFlagClass flagClass, int flag, int groupId) {
        Match.Builder match = Match.builder().inPort(port).ipv4().ipv4Dst(vip);
        if (flag != 0) {
            match.protocol(Protocol.TCP).tcpFlags(flag, flag);
        }
        return verified(FlowRule.builder(topology.dpid())
                .table(RuleConstants.ROUTER_TABLE)
                .priority(flagClass.priority())
                .match(match.build())
                .actions(Action.group(groupId))
                .cookie(Cookies.of(RuleKind.TRUNK, port, vip, flag))
                .build());
    }

    /**
     * A dispatcher that holds no lock for a packet but finds another dispatcher's client lock sends the packet
     * back on its trunk link with eth_dst = the locking dispatcher's MAC; these rules carry it over to the
     * locking dispatcher's link. One rule per (arrival link, other dispatcher).
     *
     * @return the lock-forwarding rules
     */
    public List<FlowRule> lockForwardRules() {
        List<FlowRule> rules = new ArrayList<>();
        for (Map.Entry<Integer, Integer> from : topology.trunkPorts().entrySet()) {
            for (Map.Entry<Integer, Integer> to : topology.trunkPorts().entrySet()) {
                if (from.getKey().equals(to.getKey())) {
                    continue;
                }
                long mac = topology.dispatcherMacs().get(to.getKey());
                rules.add(verified(FlowRule.builder(topology.dpid())
                        .table(RuleConstants.ROUTER_TABLE)
                        .priority(RuleConstants.PRIORITY_ROUTER_LOCK_FORWARD)
                        .match(Match.builder().inPort(from.getValue()).ethDst(mac).build())
                        .actions(Action.output(to.getValue()))
                        .cookie(Cookies.of(RuleKind.LOCK_FORWARD, from.getValue(), to.getKey()))
                        .build()));
            }
        }
        return rules;
    }

    /**
     * Delivers IPv4 to a client the controller learned (by ARP): the frame gets the gateway as source and the
     * client as destination MAC.
     *
     * @param clientIp the client's address; not a VIP or the gateway
     * @param clientMac the client's MAC address
     * @param port the client port it was learned on
     * @return the client route
     * @throws IllegalArgumentException when the port is not a client port or the address is a VIP or the gateway
     */
    public FlowRule clientRoute(int clientIp, long clientMac, int port) {
        if (!topology.clientPorts().contains(port)) {
            throw new IllegalArgumentException(String.format("client %s: port %d is not a client port of router 0x%x",
                    Ipv4.format(clientIp), port, topology.dpid()));
        }
        if (topology.isVip(clientIp) || clientIp == topology.gatewayIp()) {
            throw new IllegalArgumentException("client address " + Ipv4.format(clientIp)
                    + " is a VIP or the gateway; a client route would hijack it");
        }
        return verified(FlowRule.builder(topology.dpid())
                .table(RuleConstants.ROUTER_TABLE)
                .priority(RuleConstants.PRIORITY_ROUTER_CLIENT_ROUTE)
                .match(clientMatch(clientIp))
                .actions(Action.setEthSrc(topology.gatewayMac()), Action.setEthDst(clientMac), Action.output(port))
                .cookie(Cookies.of(RuleKind.CLIENT_ROUTE, clientIp))
                .build());
    }

    /** @return a strict delete of the client route to this address (when the client moved or went away) */
    public FlowDelete clientRouteDelete(int clientIp) {
        return FlowDelete.strict(topology.dpid(), RuleConstants.ROUTER_TABLE,
                RuleConstants.PRIORITY_ROUTER_CLIENT_ROUTE, clientMatch(clientIp));
    }

    private static Match clientMatch(int clientIp) {
        return Match.builder().ipv4().ipv4Dst(clientIp).build();
    }

    private static FlowRule verified(FlowRule rule) {
        return TableSchema.verify(SwitchRole.ROUTER, rule);
    }
}
