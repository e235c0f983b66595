package dev.switchboard.dispatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ServiceCatalogTest {
    private static final int VIP = Ipv4.parse("198.51.100.10");

    private static ServiceCatalog base() {
        return ServiceCatalog.empty()
                .withNewServer("web-1", Ipv4.parse("203.0.113.11"), MacAddress.parse("02:00:00:00:0b:01"), 1)
                .withNewServer("web-2", Ipv4.parse("203.0.113.12"), MacAddress.UNKNOWN, 2)
                .withGroup(ServerGroup.of("web", List.of(0, 1)))
                .withService(Service.of("web", ServiceId.of(VIP, Protocol.TCP, 80), "web"));
    }

    static Stream<Arguments> invalidChanges() {
        return Stream.of(
                Arguments.of("duplicate server name", (Supplier<?>) () -> base().withNewServer("web-1", 9, -1, 1), "'web-1' already exists"),
                Arguments.of("duplicate server address", (Supplier<?>) () -> base().withNewServer("web-3", Ipv4.parse("203.0.113.11"), -1, 1), "share address 203.0.113.11"),
                Arguments.of("weight zero", (Supplier<?>) () -> base().withNewServer("web-3", 7, -1, 0), "weight must be 1..10000"),
                Arguments.of("group names unknown server", (Supplier<?>) () -> base().withGroup(ServerGroup.of("api", List.of(7))), "unknown server #7"),
                Arguments.of("service names unknown group", (Supplier<?>) () -> base().withService(Service.of("api", ServiceId.of(VIP, Protocol.TCP, 8080), "api")), "unknown group 'api'"),
                Arguments.of("two services on one VIP:port", (Supplier<?>) () -> base().withService(Service.of("web2", ServiceId.of(VIP, Protocol.TCP, 80), "web")), "both claim 198.51.100.10:80/tcp"),
                Arguments.of("delete group in use", (Supplier<?>) () -> base().withoutGroup("web"), "still used by service 'web'"),
                Arguments.of("delete server in a group", (Supplier<?>) () -> base().withoutServer("web-1"), "still in group 'web'"),
                Arguments.of("delete unknown service", (Supplier<?>) () -> base().withoutService("nope"), "'nope' does not exist"),
                Arguments.of("port zero", (Supplier<?>) () -> ServiceId.of(VIP, Protocol.TCP, 0), "port must be 1..65535"),
                Arguments.of("load above one", (Supplier<?>) () -> base().server("web-1").withReportedLoad(1.5), "load must be between 0.0 and 1.0"),
                Arguments.of("bad address", (Supplier<?>) () -> Ipv4.parse("10.0.0.300"), "'10.0.0.300' is not an IPv4 address"),
                Arguments.of("bad mac", (Supplier<?>) () -> MacAddress.parse("02:00:zz:00:00:01"), "'02:00:zz:00:00:01' is not a MAC address"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidChanges")
    void invalidChangesAreRejectedWithAMessageNamingTheProblem(String description, Supplier<?> change, String message) {
        assertThatThrownBy(change::get).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void lookupsFindServicesGroupsAndServersWithoutAllocation() {
        ServiceCatalog c = base().withNewServer("api-1", Ipv4.parse("203.0.113.21"), -1, 1)
                .withGroup(ServerGroup.of("api", List.of(2)))
                .withService(Service.of("api", ServiceId.of(VIP, Protocol.TCP, 8080), "api"));
        assertThat(c.serviceAt(VIP, 6, 8080).name()).isEqualTo("api");
        assertThat(c.groupAt(VIP, 6, 80).name()).isEqualTo("web");
        assertThat(c.serviceAt(VIP, 17, 80)).isNull();
        assertThat(c.isVip(VIP)).isTrue();
        assertThat(c.serverAt(Ipv4.parse("203.0.113.21")).name()).isEqualTo("api-1");
        assertThat(c.withoutService("api").withoutGroup("api").withoutServer("api-1").server("api-1")).isNull();
    }

    @Test
    void addressesAndKeysRoundTrip() {
        assertThat(Ipv4.format(Ipv4.parse("192.0.2.255"))).isEqualTo("192.0.2.255");
        assertThat(MacAddress.format(MacAddress.parse("02:5B:00:00:01:0a"))).isEqualTo("02:5b:00:00:01:0a");
        SessionKey key = SessionKey.of(Protocol.UDP, Ipv4.parse("255.255.255.254"), 65535, VIP, 53);
        assertThat(SessionKey.unpack(key.high(), key.low())).isEqualTo(key);
    }
}
