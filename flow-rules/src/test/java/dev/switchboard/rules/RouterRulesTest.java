package dev.switchboard.rules;

import dev.switchboard.dispatch.model.Ipv4;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouterRulesTest {
    private static final Set<Long> TRUNK_PORTS = Set.of(3L, 4L, 5L);

    private static FakeFlowTable router(TrunkMode mode) {
        Lab lab = new Lab(mode);
        RouterRules rules = lab.routerRules();
        return FakeFlowTable.of(Lab.ROUTER, rules.staticRules())
                .install(rules.clientRoute(Lab.clientIp(1), Lab.clientMac(1), 1));
    }

    static Stream<Arguments> packets() {
        TestPacket syn = Lab.fromClient(1, 40000, Match.TCP_SYN);
        TestPacket reply = TestPacket.tcp(Lab.SAN_GATEWAY_MAC, Lab.SAN_GATEWAY_MAC, Lab.VIP, 80, Lab.clientIp(1), 40000,
                Match.TCP_ACK);
        Stream.Builder<Arguments> cases = Stream.builder();
        for (TrunkMode mode : TrunkMode.values()) {
            cases.add(Arguments.of(mode, "ARP from a client goes to the controller", 1L,
                    TestPacket.arp(Lab.clientMac(1)),
                    expect(e -> assertOne(e, FakeFlowTable.CONTROLLER, RuleKind.ARP))));
            cases.add(Arguments.of(mode, "ARP from a trunk link goes to the controller", 4L,
                    TestPacket.arp(0x0200_0000_0b01L),
                    expect(e -> assertOne(e, FakeFlowTable.CONTROLLER, RuleKind.ARP))));
            cases.add(Arguments.of(mode, "a SYN to the VIP enters the trunk", 1L, syn, expect(e -> {
                assertThat(e).hasSize(1);
                assertThat(e.get(0).port()).isIn(TRUNK_PORTS);
                assertThat(e.get(0).packet()).isEqualTo(syn);
                assertThat(Cookies.kindOf(e.get(0).cookie())).isEqualTo(RuleKind.TRUNK);
            })));
            cases.add(Arguments.of(mode, "UDP to the VIP enters the trunk", 2L,
                    TestPacket.udp(Lab.clientMac(2), Lab.GATEWAY_MAC, Lab.clientIp(2), 5353, Lab.VIP, 53),
                    expect(e -> assertThat(e).singleElement().satisfies(x -> assertThat(x.port()).isIn(TRUNK_PORTS)))));
            cases.add(Arguments.of(mode, "a packet for dispatcher 2's MAC from link 1 goes to link 2", 3L,
                    syn.apply(Action.setEthDst(RuleConstants.dispatcherMac(2))),
                    expect(e -> assertOne(e, 4, RuleKind.LOCK_FORWARD))));
            cases.add(Arguments.of(mode, "a packet for dispatcher 3's MAC from link 2 goes to link 3", 4L,
                    syn.apply(Action.setEthDst(RuleConstants.dispatcherMac(3))),
                    expect(e -> assertOne(e, 5, RuleKind.LOCK_FORWARD))));
            cases.add(Arguments.of(mode, "a VIP packet arriving from the trunk is not sent back into it", 4L,
                    syn.apply(Action.setEthDst(RuleConstants.dispatcherMac(2))), expect(e -> assertThat(e).isEmpty())));
            cases.add(Arguments.of(mode, "a client faking a dispatcher MAC is not lock-forwarded", 1L,
                    syn.apply(Action.setEthDst(RuleConstants.dispatcherMac(2))),
                    expect(e -> assertThat(e).singleElement().satisfies(
                            x -> assertThat(Cookies.kindOf(x.cookie())).isEqualTo(RuleKind.TRUNK)))));
            cases.add(Arguments.of(mode, "a reply to a learned client is delivered with gateway and client MAC", 5L,
                    reply, expect(e -> {
                        assertOne(e, 1, RuleKind.CLIENT_ROUTE);
                        assertThat(e.get(0).packet().ethSrc()).isEqualTo(Lab.GATEWAY_MAC);
                        assertThat(e.get(0).packet().ethDst()).isEqualTo(Lab.clientMac(1));
                        assertThat(e.get(0).packet().ipv4Src()).isEqualTo(Lab.VIP);
                    })));
            cases.add(Arguments.of(mode, "a reply to an unknown client is dropped", 5L,
                    TestPacket.tcp(1, 2, Lab.VIP, 80, Lab.clientIp(9), 40000, Match.TCP_ACK),
                    expect(e -> assertThat(e).isEmpty())));
        }
        return cases.build();
    }

    private static Consumer<List<FakeFlowTable.Emission>> expect(Consumer<List<FakeFlowTable.Emission>> check) {
        return check;
    }

    private static void assertOne(List<FakeFlowTable.Emission> emissions, long port, RuleKind kind) {
        assertThat(emissions).hasSize(1);
        assertThat(emissions.get(0).port()).isEqualTo(port);
        assertThat(Cookies.kindOf(emissions.get(0).cookie())).isEqualTo(kind);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("packets")
    void forwardsAsDocumented(TrunkMode mode, String what, long inPort, TestPacket packet,
                              Consumer<List<FakeFlowTable.Emission>> check) {
        check.accept(router(mode).process(inPort, packet));
    }

    @Test
    void flowHashKeepsEveryPacketOfAConnectionOnOneLink() {
        FakeFlowTable router = router(TrunkMode.FLOW_HASH);
        for (int port = 40000; port < 40100; port++) {
            int clientPort = port;
            Set<Long> links = Stream.of(Match.TCP_SYN, Match.TCP_ACK, Match.TCP_PSH | Match.TCP_ACK,
                            Match.TCP_FIN | Match.TCP_ACK, Match.TCP_RST)
                    .map(flags -> router.process(1, Lab.fromClient(1, clientPort, flags)).get(0).port())
                    .collect(Collectors.toSet());
            assertThat(links).hasSize(1);
        }
    }

    @Test
    void sprayPutsSynFinAndPshOfOneConnectionOnThreeDifferentLinks() {
        FakeFlowTable router = router(TrunkMode.SPRAY);
        Set<Long> synLinks = new HashSet<>();
        for (int port = 40000; port < 40100; port++) {
            TestPacket p = Lab.fromClient(1, port, 0);
            long syn = router.process(1, p.withFlags(Match.TCP_SYN)).get(0).port();
            long fin = router.process(1, p.withFlags(Match.TCP_FIN | Match.TCP_ACK)).get(0).port();
            long rst = router.process(1, p.withFlags(Match.TCP_RST)).get(0).port();
            long psh = router.process(1, p.withFlags(Match.TCP_PSH | Match.TCP_ACK)).get(0).port();
            long ack = router.process(1, p.withFlags(Match.TCP_ACK)).get(0).port();

            assertThat(Set.of(syn, fin, psh)).hasSize(3);
            assertThat(rst).isEqualTo(fin);
            // Four classes over three links: OTHER's rotation (3) wraps onto SYN's (0).
            assertThat(ack).isEqualTo(syn);
            synLinks.add(syn);
        }
        assertThat(synLinks).isEqualTo(TRUNK_PORTS);
    }

    @Test
    void everyFlagCombinationLandsInTheGroupOfItsClass() {
        FakeFlowTable router = router(TrunkMode.SPRAY);
        for (int flags = 0; flags <= Match.TCP_FLAGS_ALL; flags++) {
            FlowRule rule = router.lookup(0, 1, Lab.fromClient(1, 40000, flags));
            assertThat(rule.actions()).containsExactly(Action.group(TcpFlagClass.classify(flags).groupId()));
        }
    }

    @ParameterizedTest
    @EnumSource(TrunkMode.class)
    void aDeadTrunkLinkDropsOutOfTheGroups(TrunkMode mode) {
        FakeFlowTable router = router(mode).portDown(4);
        for (int port = 40000; port < 40100; port++) {
            for (int flags : new int[] {Match.TCP_SYN, Match.TCP_ACK, Match.TCP_FIN, Match.TCP_PSH}) {
                assertThat(router.process(1, Lab.fromClient(1, port, flags))).singleElement()
                        .satisfies(e -> assertThat(e.port()).isIn(3L, 5L));
            }
        }
    }

    @Test
    void flowHashHasOneGroupWithABucketPerDispatcherInIdOrder() {
        RuleSet rules = new Lab(TrunkMode.FLOW_HASH).routerRules().staticRules();

        assertThat(rules.groups()).singleElement().satisfies(g -> {
            assertThat(g.groupId()).isEqualTo(RuleConstants.TRUNK_GROUP_BASE);
            assertThat(g.buckets()).extracting(Bucket::watchPort).containsExactly(3L, 4L, 5L);
            assertThat(g.buckets())
                    .allSatisfy(b -> assertThat(b.actions()).containsExactly(Action.output(b.watchPort())));
        });
        assertThat(rules.flows(RuleKind.ARP)).hasSize(1);
        assertThat(rules.flows(RuleKind.TRUNK)).hasSize(Lab.CLIENT_PORTS.length);
        assertThat(rules.flows(RuleKind.LOCK_FORWARD)).hasSize(Lab.DISPATCHERS * (Lab.DISPATCHERS - 1));
        assertThat(rules.flows()).hasSize(1 + 2 + 6);
    }

    @Test
    void sprayHasOneRotatedGroupPerFlagClass() {
        RuleSet rules = new Lab(TrunkMode.SPRAY).routerRules().staticRules();

        assertThat(rules.groups()).extracting(GroupRule::groupId).containsExactly(1L, 2L, 3L, 4L);
        assertThat(rules.groups().get(0).buckets()).extracting(Bucket::watchPort).containsExactly(3L, 4L, 5L);
        assertThat(rules.groups().get(1).buckets()).extracting(Bucket::watchPort).containsExactly(4L, 5L, 3L);
        assertThat(rules.groups().get(2).buckets()).extracting(Bucket::watchPort).containsExactly(5L, 3L, 4L);
        assertThat(rules.groups().get(3).buckets()).extracting(Bucket::watchPort).containsExactly(3L, 4L, 5L);
        // Per client port and VIP: SYN, FIN, RST, PSH and the rest.
        assertThat(rules.flows(RuleKind.TRUNK)).hasSize(Lab.CLIENT_PORTS.length * 5);
    }

    @Test
    void clientRoutesAreCheckedAndDeletedStrictly() {
        Lab lab = new Lab(TrunkMode.FLOW_HASH);
        RouterRules rules = lab.routerRules();
        FlowRule route = rules.clientRoute(Lab.clientIp(2), Lab.clientMac(2), 2);
        FakeFlowTable router = FakeFlowTable.of(Lab.ROUTER, rules.staticRules()).install(route);
        TestPacket reply = TestPacket.tcp(1, 2, Lab.VIP, 80, Lab.clientIp(2), 40000, Match.TCP_ACK);

        assertThat(router.process(3, reply)).singleElement().satisfies(e -> assertThat(e.port()).isEqualTo(2));
        router.remove(rules.clientRouteDelete(Lab.clientIp(2)));
        assertThat(router.process(3, reply)).isEmpty();

        assertThatThrownBy(() -> rules.clientRoute(Lab.clientIp(2), Lab.clientMac(2), 4))
                .hasMessage("client 192.0.2.12: port 4 is not a client port of router 0x100");
        assertThatThrownBy(() -> rules.clientRoute(Lab.VIP, Lab.clientMac(2), 1))
                .hasMessageContaining("198.51.100.10 is a VIP or the gateway");
    }

    @Test
    void topologyRejectsConflicts() {
        RouterTopology.Builder base = RouterTopology.builder(0x100).gateway(Lab.GATEWAY_IP, Lab.GATEWAY_MAC);

        assertThatThrownBy(() -> RouterTopology.builder(0x100).gateway(1, 2).build())
                .hasMessage("router 0x100: the trunk needs at least one dispatcher link");
        assertThatThrownBy(() -> base.clientPorts(1, 2).trunkLink(1, 2).build())
                .hasMessage("router 0x100: port 2 is both a client port and the trunk port of dispatcher 1");
        assertThatThrownBy(() -> RouterTopology.builder(0x100).trunkLink(1, 3).build())
                .hasMessage("router 0x100: the client gateway is missing");
        assertThatThrownBy(() -> RouterTopology.builder(0x100).trunkLink(1, 3).trunkLink(1, 4))
                .hasMessage("dispatcher 1 has two trunk links");
        assertThatThrownBy(() -> RouterTopology.builder(0x100).trunkLink(64, 3))
                .hasMessageContaining("dispatcher id must be 0..63, was 64");
        assertThatThrownBy(() -> RouterTopology.builder(0x100).gateway(Lab.GATEWAY_IP, Lab.GATEWAY_MAC)
                .trunkLink(1, 3).trunkLink(2, 4).dispatcherMac(2, RuleConstants.dispatcherMac(1)).build())
                .hasMessage("router 0x100: two dispatchers share a MAC address");
        assertThatThrownBy(() -> TrunkMode.parse("round-robin"))
                .hasMessage("'round-robin' is not a trunk mode (want flow-hash or spray)");
        assertThat(TrunkMode.parse(" Spray")).isEqualTo(TrunkMode.SPRAY);
        assertThat(Ipv4.format(new Lab(TrunkMode.SPRAY).routerTopology().vips()[0])).isEqualTo("198.51.100.10");
    }
}
