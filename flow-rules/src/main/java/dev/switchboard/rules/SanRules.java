package dev.switchboard.rules;

import dev.switchboard.dispatch.model.MacAddress;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServiceCatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compiles the SAN switch's rules (docs/topology.md, "SAN switch"): frames to a server MAC go to its port,
 * ARP goes to the controller (which answers for the server gateway), and other IPv4 from a server port goes
 * up to the dispatchers through a SELECT group. "Other" is by priority: a frame addressed to another server's
 * MAC is delivered by the higher-priority server rule, so server-to-server traffic stays on the SAN.
 */
public final class SanRules {
    private final SanTopology topology;
    private final ServiceCatalog catalog;

    /**
     * @param topology the SAN switch's ports
     * @param catalog the servers; each must have a port in the topology
     */
    public SanRules(SanTopology topology, ServiceCatalog catalog) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * @return the uplink group, then ARP, a delivery rule per server with a known MAC and an uplink rule per
     *     server port
     * @throws IllegalArgumentException when a catalog server has no SAN port
     */
    public RuleSet staticRules() {
        List<FlowRule> flows = new ArrayList<>();
        flows.add(arpToController());
        for (Server server : catalog.servers()) {
            if (server.mac() != MacAddress.UNKNOWN) {
                flows.add(serverRule(server));
            }
        }
        for (Server server : catalog.servers()) {
            flows.add(uplinkRule(server));
        }
        return RuleSet.of(List.of(uplinkGroup()), flows);
    }

    /** @return the SELECT group over the dispatcher ports (ascending dispatcher id), each bucket watching its port */
    public GroupRule uplinkGroup() {
        List<Bucket> buckets = new ArrayList<>();
        for (int port : topology.dispatcherPorts().values()) {
            buckets.add(Bucket.outputTo(port));
        }
        return GroupRule.select(topology.dpid(), RuleConstants.SAN_UPLINK_GROUP, buckets);
    }

    /** @return ARP to the controller */
    public FlowRule arpToController() {
        return verified(FlowRule.builder(topology.dpid())
                .table(RuleConstants.SAN_TABLE)
                .priority(RuleConstants.PRIORITY_SAN_ARP)
                .match(Match.builder().arp().build())
                .actions(Action.toController())
                .cookie(Cookies.of(RuleKind.ARP))
                .build());
    }

    /**
     * Delivery to one server; compile it again when a server's MAC is learned.
     *
     * @return eth_dst = server MAC, output server port
     * @throws IllegalArgumentException when the server's MAC is unknown or it has no port
     */
    public FlowRule serverRule(Server server) {
        if (server.mac() == MacAddress.UNKNOWN) {
            throw new IllegalArgumentException("server '" + server.name() + "' has no known MAC address yet");
        }
        return verified(FlowRule.builder(topology.dpid())
                .table(RuleConstants.SAN_TABLE)
                .priority(RuleConstants.PRIORITY_SAN_SERVER)
                .match(Match.builder().ethDst(server.mac()).build())
                .actions(Action.output(portOf(server)))
                .cookie(Cookies.of(RuleKind.SAN_SERVER, server.mac()))
                .build());
    }

    /** @return IPv4 from the server's port, not caught by a server rule, into the uplink group */
    public FlowRule uplinkRule(Server server) {
        int port = portOf(server);
        return verified(FlowRule.builder(topology.dpid())
                .table(RuleConstants.SAN_TABLE)
                .priority(RuleConstants.PRIORITY_SAN_UPLINK)
                .match(Match.builder().inPort(port).ipv4().build())
                .actions(Action.group(RuleConstants.SAN_UPLINK_GROUP))
                .cookie(Cookies.of(RuleKind.SAN_UPLINK, port))
                .build());
    }

    private int portOf(Server server) {
        Integer port = topology.serverPorts().get(server.name());
        if (port == null) {
            throw new IllegalArgumentException(String.format("server '%s' has no port on SAN switch 0x%x",
                    server.name(), topology.dpid()));
        }
        return port;
    }

    private static FlowRule verified(FlowRule rule) {
        return TableSchema.verify(SwitchRole.SAN_SWITCH, rule);
    }
}
