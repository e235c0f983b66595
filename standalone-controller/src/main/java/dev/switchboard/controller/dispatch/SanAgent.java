package dev.switchboard.controller.dispatch;

import dev.switchboard.controller.config.DispatcherConfig;
import dev.switchboard.controller.config.SanConfig;
import dev.switchboard.controller.config.SwitchboardConfig;
import dev.switchboard.controller.openflow.PacketIn;
import dev.switchboard.controller.openflow.SwitchConnection;
import dev.switchboard.controller.packet.ArpReplies;
import dev.switchboard.controller.packet.PacketHeaders;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.rules.Action;
import dev.switchboard.rules.FlowDelete;
import dev.switchboard.rules.FlowRule;
import dev.switchboard.rules.SanRules;
import dev.switchboard.rules.SanTopology;
import dev.switchboard.rules.openflow.OpenFlowEncoder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.types.OFGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Programs the SAN switch (claims 6, 7): server ports by MAC, the server gateway's ARP answers, and
 * the uplink SELECT group that spreads replies over the dispatchers that can carry them. A dispatcher
 * whose switch is gone or whose trunk link is down leaves the group, or its share of replies would be
 * lost. Runs on the SAN connection's event loop.
 */
final class SanAgent {
    private static final Logger log = LoggerFactory.getLogger(SanAgent.class);

    private final SanConfig config;
    private final SwitchboardConfig whole;
    private final Supplier<ServiceCatalog> catalog;
    private final Map<String, Integer> serverPorts;
    private final PacketHeaders headers = new PacketHeaders();
    private volatile SwitchConnection connection;

    /**
     * @param serverPorts SAN switch port per server name, read whenever rules are compiled (servers can
     *                    be added at run time)
     */
    SanAgent(SwitchboardConfig whole, Supplier<ServiceCatalog> catalog, Map<String, Integer> serverPorts) {
        this.whole = whole;
        this.config = whole.san();
        this.catalog = catalog;
        this.serverPorts = serverPorts;
    }

    private SanRules rules(Set<Integer> usableDispatchers) {
        Map<Integer, Integer> dispatcherPorts = new LinkedHashMap<>();
        for (DispatcherConfig d : whole.dispatchers()) {
            // With no usable dispatcher nothing can carry replies; keep them all rather than an empty group.
            if (usableDispatchers.isEmpty() || usableDispatchers.contains(d.id())) {
                dispatcherPorts.put(d.id(), d.sanSwitchPort());
            }
        }
        return new SanRules(SanTopology.of(config.dpid(), dispatcherPorts, new LinkedHashMap<>(serverPorts)),
                catalog.get());
    }

    void attach(SwitchConnection c, Set<Integer> usableDispatchers) {
        this.connection = c;
        OpenFlowEncoder encoder = new OpenFlowEncoder(c.factory());
        c.write(encoder.flowDelete(FlowDelete.allSwitchboardRules(config.dpid())));
        c.write(c.factory().buildGroupDelete().setGroup(OFGroup.ALL).setGroupType(OFGroupType.SELECT).build());
        c.write(encoder.install(rules(usableDispatchers).staticRules()));
        log.info("SAN switch {} programmed, uplinks to dispatchers {}", c.datapathId(), usableDispatchers);
    }

    void detach(SwitchConnection c) {
        if (connection == c) {
            connection = null;
        }
    }

    /** Rewrites the uplink group for a new set of usable dispatchers; safe from any thread. */
    void usableDispatchersChanged(Set<Integer> usable) {
        SwitchConnection c = connection;
        if (c == null) {
            return;
        }
        c.eventLoop().execute(() -> {
            c.write(new OpenFlowEncoder(c.factory()).groupModify(rules(usable).uplinkGroup()));
            log.info("SAN uplinks now to dispatchers {}", usable);
        });
    }

    /**
     * The catalog changed: (re)install the flow rules of its servers; safe from any thread. The uplink
     * group does not depend on the catalog. Rules of removed servers stay until the switch reconnects:
     * they only deliver to a port nobody is balanced to.
     */
    void catalogChanged() {
        SwitchConnection c = connection;
        if (c == null) {
            return;
        }
        c.eventLoop().execute(() -> {
            OpenFlowEncoder encoder = new OpenFlowEncoder(c.factory());
            for (FlowRule rule : rules(Set.of()).staticRules().flows()) {
                c.write(encoder.flowAdd(rule));
            }
        });
    }

    void packetIn(SwitchConnection c, PacketIn packetIn) {
        if (headers.parse(packetIn.buffer(), packetIn.dataIndex(), packetIn.dataLength()).kind()
                != PacketHeaders.Kind.ARP || headers.arpOpcode() != 1
                || headers.arpTargetIp() != config.gateway().ip()) {
            return;
        }
        byte[] reply = ArpReplies.reply(config.gateway().mac(), config.gateway().ip(), headers.arpSenderMac(),
                headers.arpSenderIp());
        c.write(new OpenFlowEncoder(c.factory()).packetOut(reply, packetIn.inPort(),
                List.of(Action.outputInPort())));
    }
}
