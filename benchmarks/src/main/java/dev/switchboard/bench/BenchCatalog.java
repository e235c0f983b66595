package dev.switchboard.bench;

import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;
import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.ServerGroup;
import dev.switchboard.dispatch.model.Service;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.ServiceId;

import java.util.ArrayList;
import java.util.List;

/** The benchmark catalog: one VIP, a web group of 8 servers on TCP :80. */
final class BenchCatalog {
    static final int VIP = Ipv4.parse("198.51.100.10");
    static final int PORT = 80;
    private static final int CLIENT_BASE = Ipv4.parse("10.64.0.0");

    private BenchCatalog() {
    }

    static ServiceCatalog create() {
        ServiceCatalog c = ServiceCatalog.empty();
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            c = c.withNewServer("web-" + i, Ipv4.parse("203.0.113." + (11 + i)), MacAddress.parse("02:00:00:00:0b:0" + i), 1);
            members.add(i);
        }
        return c.withGroup(ServerGroup.of("web", members))
                .withService(Service.of("web", ServiceId.of(VIP, Protocol.TCP, PORT), "web"));
    }

    /** @return the i-th distinct client address (16k addresses x 60k ports) */
    static int clientAddress(int i) {
        return CLIENT_BASE + (i / 60_000);
    }

    static int clientPort(int i) {
        return 1024 + (i % 60_000);
    }
}
