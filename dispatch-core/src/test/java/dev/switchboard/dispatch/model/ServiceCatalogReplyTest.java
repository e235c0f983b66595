package dev.switchboard.dispatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ServiceCatalogReplyTest {
    private static final int VIP = Ipv4.parse("198.51.100.10");
    private static final int OTHER_VIP = Ipv4.parse("198.51.100.20");
    private static final int WEB_1 = Ipv4.parse("203.0.113.11");
    private static final int API_1 = Ipv4.parse("203.0.113.21");
    private static final int CLIENT = Ipv4.parse("192.0.2.11");

    private static ServiceCatalog catalog() {
        return ServiceCatalog.empty()
                .withNewServer("web-1", WEB_1, MacAddress.UNKNOWN, 1)
                .withNewServer("api-1", API_1, MacAddress.UNKNOWN, 1)
                .withGroup(ServerGroup.of("web", List.of(0)))
                .withGroup(ServerGroup.of("api", List.of(1)))
                .withService(Service.of("web", ServiceId.of(VIP, Protocol.TCP, 80), "web"))
                .withService(Service.of("api", ServiceId.of(OTHER_VIP, Protocol.TCP, 80), "api"))
                .withService(Service.of("dns", ServiceId.of(VIP, Protocol.UDP, 53), "web"));
    }

    @Test
    void aReplyFromAServersServicePortBelongsToTheSessionOnItsGroupsVip() {
        assertThat(catalog().sessionOfReply(Protocol.TCP, WEB_1, 80, CLIENT, 40000))
                .isEqualTo(SessionKey.of(Protocol.TCP, CLIENT, 40000, VIP, 80));
        assertThat(catalog().sessionOfReply(Protocol.TCP, API_1, 80, CLIENT, 40000))
                .isEqualTo(SessionKey.of(Protocol.TCP, CLIENT, 40000, OTHER_VIP, 80));
        assertThat(catalog().sessionOfReply(Protocol.UDP, WEB_1, 53, CLIENT, 5353))
                .isEqualTo(SessionKey.of(Protocol.UDP, CLIENT, 5353, VIP, 53));
    }

    @Test
    void repliesFromNoServersServicePortBelongToNoSession() {
        assertThat(catalog().sessionOfReply(Protocol.TCP, Ipv4.parse("203.0.113.99"), 80, CLIENT, 40000))
                .as("unknown server").isNull();
        assertThat(catalog().sessionOfReply(Protocol.TCP, WEB_1, 8080, CLIENT, 40000)).as("no service on port")
                .isNull();
        assertThat(catalog().sessionOfReply(Protocol.UDP, WEB_1, 80, CLIENT, 40000)).as("other protocol")
                .isNull();
        assertThat(catalog().sessionOfReply(Protocol.TCP, API_1, 53, CLIENT, 40000)).as("server not in group")
                .isNull();
        assertThat(ServiceCatalog.empty().sessionOfReply(Protocol.TCP, WEB_1, 80, CLIENT, 40000)).isNull();
    }
}
