package dev.switchboard.dispatch;

import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;
import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.ServerGroup;
import dev.switchboard.dispatch.model.Service;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.ServiceId;

import java.util.List;

/** The catalog of the Mininet topology: one VIP, a web group on :80 and an api group on :8080 (and UDP :53). */
final class Fixtures {
    static final int VIP = Ipv4.parse("198.51.100.10");
    static final int TCP = Protocol.TCP.ipNumber();
    static final int UDP = Protocol.UDP.ipNumber();
    static final int CLIENT = Ipv4.parse("192.0.2.11");

    private Fixtures() {
    }

    static ServiceCatalog catalog() {
        ServiceCatalog c = ServiceCatalog.empty();
        for (int i = 1; i <= 3; i++) {
            c = c.withNewServer("web-" + i, Ipv4.parse("203.0.113.1" + i), MacAddress.parse("02:00:00:00:0b:0" + i), 1);
        }
        for (int i = 1; i <= 2; i++) {
            c = c.withNewServer("api-" + i, Ipv4.parse("203.0.113.2" + i), MacAddress.parse("02:00:00:00:0b:1" + i), 1);
        }
        c = c.withNewServer("dns-1", Ipv4.parse("203.0.113.31"), MacAddress.UNKNOWN, 1);
        c = c.withGroup(ServerGroup.of("web", List.of(0, 1, 2)))
                .withGroup(ServerGroup.of("api", List.of(3, 4)))
                .withGroup(ServerGroup.of("dns", List.of(5)));
        return c.withService(Service.of("web", ServiceId.of(VIP, Protocol.TCP, 80), "web"))
                .withService(Service.of("api", ServiceId.of(VIP, Protocol.TCP, 8080), "api"))
                .withService(Service.of("dns", ServiceId.of(VIP, Protocol.UDP, 53), "dns"));
    }
}
