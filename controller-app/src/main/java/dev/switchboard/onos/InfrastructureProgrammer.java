package dev.switchboard.onos;

import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.onos.config.DeviceIds;
import dev.switchboard.onos.config.DispatcherSpec;
import dev.switchboard.onos.config.ServerSpec;
import dev.switchboard.onos.config.SwitchboardTopology;
import dev.switchboard.rules.Bucket;
import dev.switchboard.rules.GroupRule;
import dev.switchboard.rules.RouterRules;
import dev.switchboard.rules.RouterTopology;
import dev.switchboard.rules.RuleSet;
import dev.switchboard.rules.SanRules;
import dev.switchboard.rules.SanTopology;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Port;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.group.Group;
import org.onosproject.net.group.GroupDescription;
import org.onosproject.net.group.GroupKey;
import org.onosproject.net.group.GroupService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Programs the switches around the dispatchers, when this node masters them: the router (trunk SELECT
 * group(s), ARP punt, VIP-to-trunk rules, lock forwarding, learned client routes) and the SAN switch (uplink
 * SELECT group, ARP punt, server delivery, uplinks). Runs on the manager's event thread.
 *
 * <p>ONOS's SELECT buckets carry no watch port, so a trunk or uplink port that goes down is taken out of its
 * group here (and put back when it comes up) instead of by the switch.
 */
final class InfrastructureProgrammer {
    private final Logger log = LoggerFactory.getLogger(getClass());
    private final ApplicationId appId;
    private final FlowRuleService flowRules;
    private final GroupService groups;
    private final DeviceService devices;
    private final RuleTranslator translator;
    private final Map<Integer, Client> clients = new LinkedHashMap<>();

    InfrastructureProgrammer(ApplicationId appId, FlowRuleService flowRules, GroupService groups,
                             DeviceService devices, RuleTranslator translator) {
        this.appId = appId;
        this.flowRules = flowRules;
        this.groups = groups;
        this.devices = devices;
        this.translator = translator;
    }

    static RouterTopology routerTopology(SwitchboardTopology t, ServiceCatalog catalog) {
        RouterTopology.Builder b = RouterTopology.builder(DeviceIds.dpid(t.router().device()))
                .gateway(t.router().gatewayIp(), t.router().gatewayMac())
                .trunkMode(t.router().trunkMode())
                .vips(catalog.vips());
        t.router().clientPorts().forEach(p -> b.clientPorts((int) p.toLong()));
        t.router().trunkPorts().forEach((id, port) -> b.trunkLink(id, (int) port.toLong()));
        return b.build();
    }

    static SanTopology sanTopology(SwitchboardTopology t) {
        Map<Integer, Integer> dispatcherPorts = new LinkedHashMap<>();
        for (DispatcherSpec d : t.dispatchers()) {
            dispatcherPorts.put(d.id(), (int) d.sanSwitchPort().toLong());
        }
        Map<String, Integer> serverPorts = new LinkedHashMap<>();
        for (ServerSpec s : t.servers()) {
            serverPorts.put(s.name(), (int) s.sanSwitchPort().toLong());
        }
        return SanTopology.of(DeviceIds.dpid(t.san().device()), dispatcherPorts, serverPorts);
    }

    /** Programs the router: groups, static rules, the clients learned so far; removes stale Switchboard rules. */
    void programRouter(SwitchboardTopology t, ServiceCatalog catalog) {
        RouterRules rules = new RouterRules(routerTopology(t, catalog));
        List<FlowRule> desired = new ArrayList<>(translate(rules.staticRules()));
        synchronized (clients) {
            for (Map.Entry<Integer, Client> c : clients.entrySet()) {
                desired.addAll(clientRoute(rules, t, c.getKey(), c.getValue()));
            }
        }
        program(t.router().device(), rules.staticRules().groups(), desired);
    }

    /** Programs the SAN switch: uplink group and static rules; removes stale Switchboard rules. */
    void programSan(SwitchboardTopology t, ServiceCatalog catalog) {
        RuleSet set = new SanRules(sanTopology(t), catalog).staticRules();
        program(t.san().device(), set.groups(), translate(set));
    }

    private void program(DeviceId device, List<GroupRule> groupRules, List<FlowRule> desired) {
        Set<GroupKey> wanted = new HashSet<>();
        for (GroupRule g : groupRules) {
            GroupDescription description = translator.group(liveBuckets(g));
            wanted.add(description.appCookie());
            Group existing = groups.getGroup(device, description.appCookie());
            if (existing == null) {
                groups.addGroup(description);
            } else if (!existing.buckets().equals(description.buckets())) {
                groups.setBucketsForGroup(device, description.appCookie(), description.buckets(),
                        description.appCookie(), appId);
            }
        }
        RuleWriter writer = new RuleWriter(flowRules);
        RuleReconciler.Outcome outcome = RuleReconciler.reconcile(flowRules.getFlowEntries(device), desired,
                appId.id(), rule -> false, writer);
        writer.flush();
        for (Group g : groups.getGroups(device, appId)) {
            if (!wanted.contains(g.appCookie())) {
                groups.removeGroup(device, g.appCookie(), appId);
            }
        }
        log.info("Programmed {}: {}", device, outcome);
    }

    /** A bucket whose port is known to be down is left out, unless that would leave the group empty. */
    private GroupRule liveBuckets(GroupRule g) {
        DeviceId device = DeviceIds.deviceId(g.deviceId());
        List<Bucket> live = new ArrayList<>();
        for (Bucket b : g.buckets()) {
            Port port = devices.getPort(device, PortNumber.portNumber(b.watchPort()));
            if (port == null || port.isEnabled()) {
                live.add(b);
            }
        }
        return live.isEmpty() || live.size() == g.buckets().size() ? g
                : GroupRule.select(g.deviceId(), g.groupId(), live);
    }

    private List<FlowRule> translate(RuleSet set) {
        List<FlowRule> result = new ArrayList<>();
        for (dev.switchboard.rules.FlowRule r : set.flows()) {
            result.addAll(translator.flows(r));
        }
        return result;
    }

    private List<FlowRule> clientRoute(RouterRules rules, SwitchboardTopology t, int ip, Client c) {
        try {
            return translator.flows(rules.clientRoute(ip, c.mac, (int) c.port.toLong()));
        } catch (IllegalArgumentException e) {
            log.warn("No route to client: {}", e.getMessage());
            return List.of();
        }
    }

    /**
     * Remembers a client learned by ARP and, when this node masters the router, installs its route.
     *
     * @return whether the client was new or moved
     */
    boolean learnClient(SwitchboardTopology t, ServiceCatalog catalog, int ip, long mac, PortNumber port,
                        boolean masterOfRouter) {
        Client client = new Client(mac, port);
        synchronized (clients) {
            if (client.equals(clients.get(ip))) {
                return false;
            }
            clients.put(ip, client);
        }
        if (masterOfRouter) {
            RuleWriter writer = new RuleWriter(flowRules);
            writer.add(clientRoute(new RouterRules(routerTopology(t, catalog)), t, ip, client));
            writer.flush();
        }
        return true;
    }

    /** @return the learned clients: address to MAC and router port */
    Map<Integer, Client> clients() {
        synchronized (clients) {
            return new LinkedHashMap<>(clients);
        }
    }

    /** A client the router delivers to. */
    static final class Client {
        final long mac;
        final PortNumber port;

        Client(long mac, PortNumber port) {
            this.mac = mac;
            this.port = port;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Client && ((Client) o).mac == mac && ((Client) o).port.equals(port);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(mac) * 31 + port.hashCode();
        }
    }

    /** @return whether a port is one the router or SAN groups watch */
    static boolean isGroupPort(SwitchboardTopology t, DeviceId device, PortNumber port) {
        if (device.equals(t.router().device())) {
            return t.router().trunkPorts().containsValue(port);
        }
        if (device.equals(t.san().device())) {
            return t.dispatchers().stream().anyMatch(d -> d.sanSwitchPort().equals(port));
        }
        return false;
    }
}
