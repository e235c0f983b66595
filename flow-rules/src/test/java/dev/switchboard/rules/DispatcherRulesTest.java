package dev.switchboard.rules;

import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;
import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.Service;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.ServiceId;
import dev.switchboard.dispatch.model.SessionKey;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DispatcherRulesTest {
    private static final long D2 = Lab.dispatcherDpid(2);
    private static final long TRUNK = Lab.TRUNK_PORT;
    private static final long SAN = Lab.SAN_PORT;
    private static final long CTRL = FakeFlowTable.CONTROLLER;

    private final Lab lab = new Lab(TrunkMode.FLOW_HASH);
    private final DispatcherRules rules = lab.dispatcherRules(2);
    private final Server web1 = lab.server("web-1");

    private FakeFlowTable dispatcher() {
        return FakeFlowTable.of(D2, rules.staticRules());
    }

    /** A packet into dispatcher 2 and the (port, rule kind) pairs expected out of it, in order. */
    static Stream<Arguments> withoutSessions() {
        TestPacket syn = Lab.fromClient(1, 40000, Match.TCP_SYN);
        TestPacket serverReply = TestPacket.tcp(0x0200_0000_0b01L, Lab.SAN_GATEWAY_MAC, Ipv4.parse("203.0.113.11"), 80,
                Lab.clientIp(1), 40000, Match.TCP_ACK);
        return Stream.of(
                Arguments.of("a SYN goes to the controller", TRUNK, syn,
                        List.of(CTRL), List.of(RuleKind.SYN_TO_CONTROLLER)),
                Arguments.of("a first packet that is no SYN, with no session, goes to the controller", TRUNK,
                        syn.withFlags(Match.TCP_ACK), List.of(CTRL), List.of(RuleKind.VIP_MISS)),
                Arguments.of("a client FIN is copied, then misses", TRUNK, syn.withFlags(Match.TCP_FIN | Match.TCP_ACK),
                        List.of(CTRL, CTRL), List.of(RuleKind.FIN_COPY, RuleKind.VIP_MISS)),
                Arguments.of("a client RST is copied, then misses", TRUNK, syn.withFlags(Match.TCP_RST),
                        List.of(CTRL, CTRL), List.of(RuleKind.FIN_COPY, RuleKind.VIP_MISS)),
                Arguments.of("UDP with no session goes to the controller", TRUNK,
                        TestPacket.udp(1, 2, Lab.clientIp(1), 5353, Lab.VIP, 53),
                        List.of(CTRL), List.of(RuleKind.VIP_MISS)),
                Arguments.of("a web-1 reply gets the VIP as source and leaves on the trunk", SAN, serverReply,
                        List.of(TRUNK), List.of(RuleKind.REVERSE)),
                Arguments.of("a web-1 FIN is copied untranslated, then translated", SAN,
                        serverReply.withFlags(Match.TCP_FIN | Match.TCP_ACK),
                        List.of(CTRL, TRUNK), List.of(RuleKind.FIN_COPY, RuleKind.REVERSE)),
                Arguments.of("a web-1 reply from another port is not translated", SAN, serverReply.withSrcPort(8080),
                        List.of(), List.of()),
                Arguments.of("an api-1 DNS reply is translated", SAN,
                        TestPacket.udp(1, 2, Ipv4.parse("203.0.113.14"), 53, Lab.clientIp(2), 5353),
                        List.of(TRUNK), List.of(RuleKind.REVERSE)),
                Arguments.of("traffic to somewhere else is dropped", TRUNK,
                        TestPacket.icmp(1, 2, Lab.clientIp(1), Ipv4.parse("192.0.2.200")), List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withoutSessions")
    void forwardsStaticTrafficAsDocumented(String what, long inPort, TestPacket packet, List<Long> ports,
                                           List<RuleKind> kinds) {
        List<FakeFlowTable.Emission> out = dispatcher().process(inPort, packet);

        assertThat(out).extracting(FakeFlowTable.Emission::port).containsExactlyElementsOf(ports);
        assertThat(out).extracting(e -> Cookies.kindOf(e.cookie())).containsExactlyElementsOf(kinds);
        for (FakeFlowTable.Emission e : out) {
            if (e.port() == CTRL) {
                assertThat(e.packet()).as("the controller sees the packet as it arrived").isEqualTo(packet);
            } else {
                assertThat(e.packet().ipv4Src()).isEqualTo(Lab.VIP);
            }
        }
    }

    @Test
    void aPacketOfASessionLeavesOnTheSanPortAddressedToTheServerButASynGoesToTheController() {
        SessionKey key = Lab.webSession(1, 40000);
        FakeFlowTable d2 = dispatcher().install(rules.sessionRule(key, web1, 60));

        assertThat(d2.process(TRUNK, Lab.fromClient(1, 40000, Match.TCP_SYN)))
                .extracting(e -> Cookies.kindOf(e.cookie())).containsExactly(RuleKind.SYN_TO_CONTROLLER);
        List<FakeFlowTable.Emission> out = d2.process(TRUNK, Lab.fromClient(1, 40000, Match.TCP_PSH | Match.TCP_ACK));

        assertThat(out).singleElement().satisfies(e -> {
            assertThat(e.port()).isEqualTo(SAN);
            assertThat(e.packet().ipv4Dst()).isEqualTo(web1.address());
            assertThat(e.packet().ethDst()).isEqualTo(web1.mac());
            assertThat(e.packet().ipv4Src()).isEqualTo(Lab.clientIp(1));
            assertThat(Cookies.kindOf(e.cookie())).isEqualTo(RuleKind.SESSION);
        });
        assertThat(d2.process(TRUNK, Lab.fromClient(1, 40001, Match.TCP_ACK)))
                .extracting(e -> Cookies.kindOf(e.cookie())).containsExactly(RuleKind.VIP_MISS);
    }

    @Test
    void aClientFinOfASessionIsCopiedAndForwarded() {
        FakeFlowTable d2 = dispatcher().install(rules.sessionRule(Lab.webSession(1, 40000), web1, 60));

        List<FakeFlowTable.Emission> out = d2.process(TRUNK, Lab.fromClient(1, 40000, Match.TCP_FIN | Match.TCP_ACK));

        assertThat(out).extracting(FakeFlowTable.Emission::port).containsExactly(CTRL, SAN);
        assertThat(out.get(1).packet().ipv4Dst()).isEqualTo(web1.address());
    }

    @Test
    void aLockRedirectSendsThePacketBackToTheRouterForTheLocker() {
        SessionKey key = Lab.webSession(1, 40000);
        long locker = RuleConstants.dispatcherMac(3);
        FakeFlowTable d2 = dispatcher().install(rules.lockRedirect(key, locker, 2));

        List<FakeFlowTable.Emission> out = d2.process(TRUNK, Lab.fromClient(1, 40000, Match.TCP_ACK));

        assertThat(out).singleElement().satisfies(e -> {
            assertThat(e.port()).isEqualTo(TRUNK);
            assertThat(e.packet().ethDst()).isEqualTo(locker);
            assertThat(e.packet().ipv4Dst()).isEqualTo(Lab.VIP);
            assertThat(Cookies.kindOf(e.cookie())).isEqualTo(RuleKind.LOCK_REDIRECT);
        });
    }

    @Test
    void aSessionBeatsALeftoverLockAndEachIsDeletedStrictly() {
        SessionKey key = Lab.webSession(1, 40000);
        FakeFlowTable d2 = dispatcher().install(rules.lockRedirect(key, RuleConstants.dispatcherMac(3), 2))
                .install(rules.sessionRule(key, web1, 60));
        TestPacket ack = Lab.fromClient(1, 40000, Match.TCP_ACK);

        assertThat(d2.process(TRUNK, ack)).extracting(FakeFlowTable.Emission::port).containsExactly(SAN);
        d2.remove(rules.sessionRuleDelete(key));
        assertThat(d2.process(TRUNK, ack)).extracting(e -> Cookies.kindOf(e.cookie()))
                .containsExactly(RuleKind.LOCK_REDIRECT);
        d2.remove(rules.lockRedirectDelete(key));
        assertThat(d2.process(TRUNK, ack)).extracting(e -> Cookies.kindOf(e.cookie()))
                .containsExactly(RuleKind.VIP_MISS);
    }

    @Test
    void sessionRuleCarriesTimeoutFlowRemovedAndSessionCookie() {
        SessionKey key = SessionKey.of(Protocol.UDP, Lab.clientIp(2), 5353, Lab.VIP, 53);
        Server api1 = lab.server("api-1");
        FlowRule rule = rules.sessionRule(key, api1, 45);

        assertThat(rule.deviceId()).isEqualTo(D2);
        assertThat(rule.tableId()).isEqualTo(RuleConstants.DISPATCHER_SESSION_TABLE);
        assertThat(rule.priority()).isEqualTo(RuleConstants.PRIORITY_DISPATCHER_SESSION);
        assertThat(rule.idleTimeout()).isEqualTo(45);
        assertThat(rule.hardTimeout()).isZero();
        assertThat(rule.sendFlowRemoved()).isTrue();
        assertThat(rule.cookie()).isEqualTo(Cookies.forSession(RuleKind.SESSION, key));
        assertThat(rule.match().fields()).containsExactly(Match.Field.ETH_TYPE, Match.Field.IP_PROTO,
                Match.Field.IPV4_SRC, Match.Field.IPV4_DST, Match.Field.UDP_SRC, Match.Field.UDP_DST);
        assertThat(rule.actions()).containsExactly(Action.setEthDst(api1.mac()), Action.setIpv4Dst(api1.address()),
                Action.output(Lab.SAN_PORT));

        FlowDelete delete = rules.sessionRuleDelete(key);
        assertThat(delete).isEqualTo(FlowDelete.strict(rule));

        FlowRule lock = rules.lockRedirect(key, RuleConstants.dispatcherMac(1), 2);
        assertThat(lock.hardTimeout()).isEqualTo(2);
        assertThat(lock.idleTimeout()).isZero();
        assertThat(lock.sendFlowRemoved()).isFalse();
        assertThat(lock.actions()).containsExactly(Action.setEthDst(RuleConstants.dispatcherMac(1)),
                Action.outputInPort());
    }

    @Test
    void perSessionRulesRejectBadInput() {
        SessionKey key = Lab.webSession(1, 40000);
        SessionKey nowhere = SessionKey.of(Protocol.TCP, Lab.clientIp(1), 40000, Lab.VIP, 443);

        assertThatThrownBy(() -> rules.sessionRule(nowhere, web1, 60))
                .hasMessage("session TCP 192.0.2.11:40000 -> 198.51.100.10:443: no service listens at "
                        + "198.51.100.10:443/TCP");
        assertThatThrownBy(() -> rules.sessionRule(key, web1.withMac(MacAddress.UNKNOWN), 60))
                .hasMessageContaining("server 'web-1' has no known MAC address yet");
        assertThatThrownBy(() -> rules.sessionRule(key, web1, 0))
                .hasMessageContaining("idle timeout must be 1..65535 s (sessions end by idling out), was 0");
        assertThatThrownBy(() -> rules.lockRedirect(key, RuleConstants.dispatcherMac(1), 0))
                .hasMessageContaining("hard timeout must be 1..65535 s (a lock must expire), was 0");
        assertThatThrownBy(() -> rules.lockRedirect(key, MacAddress.UNKNOWN, 2))
                .hasMessageContaining("MAC address is unknown");
    }

    @Test
    void staticRulesHaveTheDocumentedShape() {
        RuleSet set = rules.staticRules();

        assertThat(set.groups()).isEmpty();
        // FIN and RST from the trunk for the one VIP, and from the SAN.
        assertThat(set.flows(RuleKind.FIN_COPY)).hasSize(4)
                .allSatisfy(r -> assertThat(r.actions()).containsExactly(Action.toController(), Action.gotoTable(1)));
        assertThat(set.flows(RuleKind.CLASSIFY_MISS)).singleElement()
                .satisfies(r -> assertThat(r.match()).isEqualTo(Match.ANY));
        // web-1..3 on tcp/80, api-1..2 on tcp/8080 and udp/53.
        assertThat(set.flows(RuleKind.REVERSE)).hasSize(3 + 2 + 2);
        assertThat(set.flows(RuleKind.VIP_MISS)).hasSize(1);
        // Connection requests to the one VIP: to the controller only, above the FIN copies.
        assertThat(set.flows(RuleKind.SYN_TO_CONTROLLER)).singleElement().satisfies(r -> {
            assertThat(r.actions()).containsExactly(Action.toController());
            assertThat(r.priority()).isGreaterThan(RuleConstants.PRIORITY_DISPATCHER_FIN_COPY);
        });
        assertThat(set.flows()).allSatisfy(r -> assertThat(r.deviceId()).isEqualTo(D2));
    }

    @Test
    void aServerPortServingTwoVipsIsRejected() {
        int otherVip = Ipv4.parse("198.51.100.20");
        ServiceCatalog twoVips = lab.catalog().withService(
                Service.of("web-b", ServiceId.of(otherVip, Protocol.TCP, 80), "web"));

        assertThatThrownBy(() -> new DispatcherRules(lab.dispatcherTopology(2), twoVips).staticRules())
                .hasMessage("server 'web-1' serves TCP port 80 for VIPs 198.51.100.10 and 198.51.100.20: "
                        + "its replies cannot be translated back");
    }

    @Test
    void topologyRejectsCoincidingPorts() {
        assertThatThrownBy(() -> DispatcherTopology.of(2, 0x202, 1, 1))
                .hasMessage("dispatcher 2 (dpid 0x202): trunk and SAN port are both 1");
        assertThatThrownBy(() -> DispatcherTopology.of(2, 0x202, 0, 1))
                .hasMessageContaining("ports must be 1 or more");
    }

    @Property
    void theSessionMatchGivesBackItsKey(@ForAll int client, @ForAll @IntRange(max = 65535) int clientPort,
                                        @ForAll int vip, @ForAll @IntRange(max = 65535) int vipPort,
                                        @ForAll boolean tcp) {
        SessionKey key = SessionKey.of(tcp ? Protocol.TCP : Protocol.UDP, client, clientPort, vip, vipPort);

        assertThat(DispatcherRules.sessionKeyOf(DispatcherRules.sessionMatch(key))).isEqualTo(key);
    }

    @Test
    void otherMatchesAreNotSessions() {
        assertThat(DispatcherRules.sessionKeyOf(Match.builder().ipv4().ipv4Dst(Lab.VIP).build())).isNull();
        assertThat(DispatcherRules.sessionKeyOf(Match.ANY)).isNull();
    }
}
