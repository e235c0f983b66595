package dev.switchboard.rules;

import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;
import dev.switchboard.dispatch.model.ServiceCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SanRulesTest {
    private static final long WEB1_MAC = MacAddress.parse("02:00:00:00:0b:01");
    private static final long API2_MAC = MacAddress.parse("02:00:00:00:0b:05");
    private static final int WEB1_IP = Ipv4.parse("203.0.113.11");

    private final Lab lab = new Lab(TrunkMode.FLOW_HASH);

    static Stream<Arguments> packets() {
        TestPacket toWeb1 = TestPacket.tcp(Lab.clientMac(1), WEB1_MAC, Lab.clientIp(1), 40000, WEB1_IP, 80,
                Match.TCP_SYN);
        TestPacket fromWeb1 = TestPacket.tcp(WEB1_MAC, Lab.SAN_GATEWAY_MAC, WEB1_IP, 80, Lab.clientIp(1), 40000,
                Match.TCP_ACK);
        return Stream.of(
                Arguments.of("a frame for web-1 from dispatcher 2 goes to web-1's port", 2L, toWeb1, 4L,
                        RuleKind.SAN_SERVER),
                Arguments.of("a frame for api-2 from web-1 stays on the SAN", 4L,
                        TestPacket.tcp(WEB1_MAC, API2_MAC, WEB1_IP, 1234, Ipv4.parse("203.0.113.15"), 8080, 0), 8L,
                        RuleKind.SAN_SERVER),
                Arguments.of("ARP from a server goes to the controller", 5L, TestPacket.arp(WEB1_MAC),
                        FakeFlowTable.CONTROLLER, RuleKind.ARP),
                Arguments.of("a web-1 reply to a client goes up to a dispatcher", 4L, fromWeb1, -2L,
                        RuleKind.SAN_UPLINK));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packets")
    void forwardsAsDocumented(String what, long inPort, TestPacket packet, long port, RuleKind kind) {
        FakeFlowTable san = FakeFlowTable.of(Lab.SAN, lab.sanRules().staticRules());
        List<FakeFlowTable.Emission> out = san.process(inPort, packet);

        assertThat(out).singleElement().satisfies(e -> {
            if (port == -2L) {
                assertThat(e.port()).as("some dispatcher port").isIn(1L, 2L, 3L);
            } else {
                assertThat(e.port()).isEqualTo(port);
            }
            assertThat(e.packet()).isEqualTo(packet);
            assertThat(Cookies.kindOf(e.cookie())).isEqualTo(kind);
        });
    }

    @Test
    void repliesSpreadOverDispatchersAndAvoidADeadOne() {
        FakeFlowTable san = FakeFlowTable.of(Lab.SAN, lab.sanRules().staticRules());
        TestPacket reply = TestPacket.tcp(WEB1_MAC, Lab.SAN_GATEWAY_MAC, WEB1_IP, 80, Lab.clientIp(1), 0, 0);
        Set<Long> used = new HashSet<>();
        for (int port = 40000; port < 40100; port++) {
            used.add(san.process(4, reply.withDstPort(port)).get(0).port());
        }
        assertThat(used).containsExactlyInAnyOrder(1L, 2L, 3L);

        san.portDown(2);
        for (int port = 40000; port < 40100; port++) {
            assertThat(san.process(4, reply.withDstPort(port)).get(0).port()).isIn(1L, 3L);
        }
    }

    @Test
    void serversWithoutAKnownMacGetNoDeliveryRuleYet() {
        ServiceCatalog catalog = lab.catalog().withUpdatedServer(lab.server("web-3").withMac(MacAddress.UNKNOWN));
        SanRules rules = new SanRules(lab.sanTopology(), catalog);

        assertThat(rules.staticRules().flows(RuleKind.SAN_SERVER)).hasSize(4);
        assertThat(rules.staticRules().flows(RuleKind.SAN_UPLINK)).hasSize(5);
        assertThatThrownBy(() -> rules.serverRule(catalog.server("web-3")))
                .hasMessage("server 'web-3' has no known MAC address yet");
        assertThat(rules.serverRule(lab.server("web-3")).actions()).containsExactly(Action.output(6));
    }

    @Test
    void uplinkGroupHasADispatcherBucketEach() {
        GroupRule group = lab.sanRules().uplinkGroup();

        assertThat(group.groupId()).isEqualTo(RuleConstants.SAN_UPLINK_GROUP);
        assertThat(group.buckets()).extracting(Bucket::watchPort).containsExactly(1L, 2L, 3L);
        assertThat(lab.sanRules().staticRules().groups()).containsExactly(group);
    }

    @Test
    void rejectsAServerWithoutPortAndPortsUsedTwice() {
        SanTopology noWeb3 = SanTopology.of(Lab.SAN, Map.of(1, 1), Map.of("web-1", 4));

        assertThatThrownBy(() -> new SanRules(noWeb3, lab.catalog()).staticRules())
                .hasMessageMatching("server '.*' has no port on SAN switch 0x300");
        assertThatThrownBy(() -> SanTopology.of(Lab.SAN, Map.of(1, 1), Map.of("web-1", 1)))
                .hasMessage("SAN switch 0x300: port 1 of server 'web-1' is used twice");
        assertThatThrownBy(() -> SanTopology.of(Lab.SAN, Map.of(), Map.of()))
                .hasMessage("SAN switch 0x300: needs at least one dispatcher port");
    }
}
