package dev.switchboard.rules;

import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;
import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServerGroup;
import dev.switchboard.dispatch.model.Service;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.ServiceId;
import dev.switchboard.dispatch.model.SessionKey;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documented test network (docs/topology.md): router 0x100 with clients c1, c2 on ports 1, 2 and trunk
 * links to dispatchers 1..3 on ports 3..5; dispatcher switches 0x201..0x203 (trunk port 1, SAN port 2); SAN
 * switch 0x300 with dispatchers on ports 1..3 and servers web-1..3, api-1..2 on ports 4..8. Services: web on
 * VIP:80/tcp, api on VIP:8080/tcp and dns on VIP:53/udp (served by the api group).
 */
public final class Lab {
    public static final long ROUTER = 0x100;
    public static final long SAN = 0x300;
    public static final int VIP = Ipv4.parse("198.51.100.10");
    public static final int GATEWAY_IP = Ipv4.parse("192.0.2.1");
    public static final long GATEWAY_MAC = MacAddress.parse("02:5b:00:00:00:01");
    public static final long SAN_GATEWAY_MAC = MacAddress.parse("02:5b:00:00:00:02");
    public static final int[] CLIENT_PORTS = {1, 2};
    public static final int TRUNK_PORT = 1;
    public static final int SAN_PORT = 2;
    public static final int DISPATCHERS = 3;

    private static final String[] SERVER_NAMES = {"web-1", "web-2", "web-3", "api-1", "api-2"};

    private final ServiceCatalog catalog;
    private final RouterTopology router;

    /** @param mode the router's trunk mode */
    public Lab(TrunkMode mode) {
        ServiceCatalog c = ServiceCatalog.empty();
        for (int i = 0; i < SERVER_NAMES.length; i++) {
            c = c.withNewServer(SERVER_NAMES[i], Ipv4.parse("203.0.113." + (11 + i)),
                    MacAddress.parse(String.format("02:00:00:00:0b:%02x", i + 1)), 1);
        }
        c = c.withGroup(ServerGroup.of("web", List.of(0, 1, 2))).withGroup(ServerGroup.of("api", List.of(3, 4)));
        c = c.withService(Service.of("web", ServiceId.of(VIP, Protocol.TCP, 80), "web"))
                .withService(Service.of("api", ServiceId.of(VIP, Protocol.TCP, 8080), "api"))
                .withService(Service.of("dns", ServiceId.of(VIP, Protocol.UDP, 53), "api"));
        this.catalog = c;
        RouterTopology.Builder r = RouterTopology.builder(ROUTER).clientPorts(CLIENT_PORTS)
                .gateway(GATEWAY_IP, GATEWAY_MAC).vips(VIP).trunkMode(mode);
        for (int d = 1; d <= DISPATCHERS; d++) {
            r.trunkLink(d, trunkPortOf(d));
        }
        this.router = r.build();
    }

    /** @return the router port of dispatcher d's trunk link */
    public static int trunkPortOf(int dispatcherId) {
        return CLIENT_PORTS.length + dispatcherId;
    }

    /** @return dispatcher d's datapath id */
    public static long dispatcherDpid(int dispatcherId) {
        return 0x200 + dispatcherId;
    }

    /** @return client n's address (from 192.0.2.11) */
    public static int clientIp(int n) {
        return Ipv4.parse("192.0.2." + (10 + n));
    }

    /** @return client n's MAC */
    public static long clientMac(int n) {
        return MacAddress.parse(String.format("02:00:00:00:0a:%02x", n));
    }

    public ServiceCatalog catalog() {
        return catalog;
    }

    public Server server(String name) {
        return catalog.server(name);
    }

    public RouterTopology routerTopology() {
        return router;
    }

    public RouterRules routerRules() {
        return new RouterRules(router);
    }

    public DispatcherTopology dispatcherTopology(int dispatcherId) {
        return DispatcherTopology.of(dispatcherId, dispatcherDpid(dispatcherId), TRUNK_PORT, SAN_PORT);
    }

    public DispatcherRules dispatcherRules(int dispatcherId) {
        return new DispatcherRules(dispatcherTopology(dispatcherId), catalog);
    }

    public SanTopology sanTopology() {
        Map<Integer, Integer> dispatcherPorts = new LinkedHashMap<>();
        for (int d = 1; d <= DISPATCHERS; d++) {
            dispatcherPorts.put(d, d);
        }
        Map<String, Integer> serverPorts = new LinkedHashMap<>();
        for (int i = 0; i < SERVER_NAMES.length; i++) {
            serverPorts.put(SERVER_NAMES[i], DISPATCHERS + 1 + i);
        }
        return SanTopology.of(SAN, dispatcherPorts, serverPorts);
    }

    public SanRules sanRules() {
        return new SanRules(sanTopology(), catalog);
    }

    /** @return a web session of client n from a source port */
    public static SessionKey webSession(int client, int clientPort) {
        return SessionKey.of(Protocol.TCP, clientIp(client), clientPort, VIP, 80);
    }

    /** @return a TCP segment from client n to VIP:80 */
    public static TestPacket fromClient(int client, int clientPort, int flags) {
        return TestPacket.tcp(clientMac(client), GATEWAY_MAC, clientIp(client), clientPort, VIP, 80, flags);
    }

    /**
     * @return every switch with its static rules and the learned client routes, linked as documented, with
     *     hosts c1, c2 and the servers attached
     */
    public FakeNetwork network() {
        FakeNetwork net = new FakeNetwork();
        RouterRules routerRules = routerRules();
        FakeFlowTable routerTable = FakeFlowTable.of(ROUTER, routerRules.staticRules());
        for (int n = 1; n <= CLIENT_PORTS.length; n++) {
            routerTable.install(routerRules.clientRoute(clientIp(n), clientMac(n), CLIENT_PORTS[n - 1]));
            net.host("c" + n, ROUTER, CLIENT_PORTS[n - 1]);
        }
        net.add(routerTable);
        SanTopology san = sanTopology();
        net.add(FakeFlowTable.of(SAN, sanRules().staticRules()));
        for (int d = 1; d <= DISPATCHERS; d++) {
            net.add(FakeFlowTable.of(dispatcherDpid(d), dispatcherRules(d).staticRules()));
            net.link(ROUTER, trunkPortOf(d), dispatcherDpid(d), TRUNK_PORT);
            net.link(dispatcherDpid(d), SAN_PORT, SAN, san.dispatcherPorts().get(d));
        }
        for (Map.Entry<String, Integer> server : san.serverPorts().entrySet()) {
            net.host(server.getKey(), SAN, server.getValue());
        }
        return net;
    }
}
