package dev.switchboard.controller.dispatch;

import dev.switchboard.controller.config.RouterConfig;
import dev.switchboard.controller.config.TrunkLinkConfig;
import dev.switchboard.controller.openflow.PacketIn;
import dev.switchboard.controller.openflow.SwitchConnection;
import dev.switchboard.controller.packet.ArpReplies;
import dev.switchboard.controller.packet.PacketHeaders;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.rules.Action;
import dev.switchboard.rules.FlowDelete;
import dev.switchboard.rules.FlowRule;
import dev.switchboard.rules.RouterRules;
import dev.switchboard.rules.RouterTopology;
import dev.switchboard.rules.RuleConstants;
import dev.switchboard.rules.openflow.OpenFlowEncoder;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Programs the router: the trunk SELECT group(s) over the dispatcher links, lock forwarding between
 * trunk ports, ARP answers for the client gateway and the VIPs, and routes to clients it learns from
 * their ARP requests. Runs on the router connection's event loop.
 */
final class RouterAgent {
    private static final Logger log = LoggerFactory.getLogger(RouterAgent.class);

    /** A client the router learned: where it is and its MAC. */
    private static final class Client {
        final long mac;
        final int port;

        Client(long mac, int port) {
            this.mac = mac;
            this.port = port;
        }
    }

    private final RouterConfig config;
    private final Supplier<ServiceCatalog> catalog;
    private final Map<Integer, Client> clients = new ConcurrentHashMap<>();
    private final PacketHeaders headers = new PacketHeaders();
    private volatile SwitchConnection connection;

    RouterAgent(RouterConfig config, Supplier<ServiceCatalog> catalog) {
        this.config = config;
        this.catalog = catalog;
    }

    private RouterRules rules() {
        RouterTopology.Builder b = RouterTopology.builder(config.dpid())
                .clientPorts(config.clientPorts().stream().mapToInt(Integer::intValue).toArray())
                .gateway(config.gateway().ip(), config.gateway().mac())
                .vips(catalog.get().vips())
                .trunkMode(config.trunk().mode());
        for (TrunkLinkConfig link : config.trunk().links()) {
            b.trunkLink(link.dispatcher(), link.port()).dispatcherMac(link.dispatcher(),
                    RuleConstants.dispatcherMac(link.dispatcher()));
        }
        return new RouterRules(b.build());
    }

    void attach(SwitchConnection c) {
        this.connection = c;
        OpenFlowEncoder encoder = new OpenFlowEncoder(c.factory());
        RouterRules rules = rules();
        c.write(encoder.flowDelete(FlowDelete.allSwitchboardRules(config.dpid())));
        if (c.version().compareTo(OFVersion.OF_11) >= 0) {
            c.write(c.factory().buildGroupDelete().setGroup(OFGroup.ALL).setGroupType(OFGroupType.SELECT).build());
        }
        c.write(encoder.install(rules.staticRules()));
        clients.forEach((ip, client) -> c.write(encoder.flowAdd(rules.clientRoute(ip, client.mac, client.port))));
        log.info("router {} programmed ({} trunk links, mode {})", c.datapathId(), config.trunk().links().size(),
                config.trunk().mode().configName());
    }

    /**
     * The catalog changed: add the trunk rules of new VIPs; safe from any thread. Rules of VIPs that no
     * service uses any more stay until the switch reconnects; dispatchers drop such packets, counted.
     */
    void catalogChanged() {
        SwitchConnection c = connection;
        if (c == null) {
            return;
        }
        c.eventLoop().execute(() -> {
            OpenFlowEncoder encoder = new OpenFlowEncoder(c.factory());
            for (FlowRule rule : rules().trunkRules()) {
                c.write(encoder.flowAdd(rule));
            }
        });
    }

    void detach(SwitchConnection c) {
        if (connection == c) {
            connection = null;
        }
    }

    void packetIn(SwitchConnection c, PacketIn packetIn) {
        if (headers.parse(packetIn.buffer(), packetIn.dataIndex(), packetIn.dataLength()).kind()
                != PacketHeaders.Kind.ARP || headers.arpOpcode() != 1) {
            return;
        }
        int inPort = (int) packetIn.inPort();
        if (!config.clientPorts().contains(inPort)) {
            return;
        }
        learn(c, headers.arpSenderIp(), headers.arpSenderMac(), inPort);
        int target = headers.arpTargetIp();
        if (target == config.gateway().ip() || catalog.get().isVip(target)) {
            byte[] reply = ArpReplies.reply(config.gateway().mac(), target, headers.arpSenderMac(),
                    headers.arpSenderIp());
            c.write(new OpenFlowEncoder(c.factory()).packetOut(reply, inPort, List.of(Action.outputInPort())));
        }
    }

    private void learn(SwitchConnection c, int ip, long mac, int port) {
        Client known = clients.get(ip);
        if (known != null && known.mac == mac && known.port == port) {
            return;
        }
        clients.put(ip, new Client(mac, port));
        c.write(new OpenFlowEncoder(c.factory()).flowAdd(rules().clientRoute(ip, mac, port)));
    }

    /** @return the trunk port that leads to this dispatcher, or -1 */
    int trunkPortOf(int dispatcherId) {
        return config.trunk().portOf(dispatcherId);
    }

    /** @return the dispatcher behind this trunk port, or -1 */
    int dispatcherAtPort(long port) {
        for (TrunkLinkConfig link : config.trunk().links()) {
            if (link.port() == port) {
                return link.dispatcher();
            }
        }
        return -1;
    }

    /** @return how many clients the router learned */
    int clientCount() {
        return clients.size();
    }
}
