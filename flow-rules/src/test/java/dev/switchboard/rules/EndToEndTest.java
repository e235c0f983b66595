package dev.switchboard.rules;

import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.SessionKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** All three compilers together on the documented network: what a client and a server see. */
class EndToEndTest {

    private static FakeNetwork withSession(Lab lab, SessionKey key, Server server) {
        FakeNetwork net = lab.network();
        for (int d = 1; d <= Lab.DISPATCHERS; d++) {
            net.switchAt(Lab.dispatcherDpid(d)).install(lab.dispatcherRules(d).sessionRule(key, server, 60));
        }
        return net;
    }

    @Test
    void aSynFromAClientToTheVipGoesToTheControllerEvenWhenASessionRuleMatches() {
        Lab lab = new Lab(TrunkMode.FLOW_HASH);
        Server web1 = lab.server("web-1");
        SessionKey key = Lab.webSession(1, 40000);
        FakeFlowTable d2 = FakeFlowTable.of(Lab.dispatcherDpid(2), lab.dispatcherRules(2).staticRules())
                .install(lab.dispatcherRules(2).sessionRule(key, web1, 60));

        // The controller decides every connection request: the tuple may be reused while the old session lingers.
        assertThat(d2.process(Lab.TRUNK_PORT, Lab.fromClient(1, 40000, Match.TCP_SYN))).singleElement()
                .satisfies(e -> {
                    assertThat(e.port()).isEqualTo(FakeFlowTable.CONTROLLER);
                    assertThat(Cookies.kindOf(e.cookie())).isEqualTo(RuleKind.SYN_TO_CONTROLLER);
                });
        assertThat(d2.process(Lab.TRUNK_PORT, Lab.fromClient(1, 40000, Match.TCP_ACK))).singleElement()
                .satisfies(e -> {
                    assertThat(e.port()).isEqualTo(Lab.SAN_PORT);
                    assertThat(e.packet().ipv4Dst()).isEqualTo(web1.address());
                });
    }

    @ParameterizedTest
    @EnumSource(TrunkMode.class)
    void everyPacketOfAMirroredSessionReachesItsServerWhicheverDispatcherGetsIt(TrunkMode mode) {
        Lab lab = new Lab(mode);
        Server web2 = lab.server("web-2");
        Set<String> dispatchersUsed = new HashSet<>();
        for (int port = 40000; port < 40030; port++) {
            int clientPort = port;
            FakeNetwork net = withSession(lab, Lab.webSession(1, port), web2);
            // (A SYN goes to the controller whatever the table holds: aSynFromAClientToTheVipGoesToTheController...)
            for (int flags : new int[] {Match.TCP_ACK, Match.TCP_PSH | Match.TCP_ACK, Match.TCP_FIN}) {
                FakeNetwork.Trace trace = net.send("c1", Lab.fromClient(1, port, flags));

                assertThat(trace.deliveries()).singleElement().satisfies(d -> {
                    assertThat(d.host()).isEqualTo("web-2");
                    assertThat(d.packet().ipv4Dst()).isEqualTo(web2.address());
                    assertThat(d.packet().ethDst()).isEqualTo(web2.mac());
                    assertThat(d.packet().ipv4Src()).isEqualTo(Lab.clientIp(1));
                    assertThat(d.packet().l4Src()).isEqualTo(clientPort);
                });
                assertThat(trace.packetIns()).extracting(FakeNetwork.PacketIn::kind)
                        .containsExactlyElementsOf(flags == Match.TCP_FIN ? List.of(RuleKind.FIN_COPY)
                                : List.of());
                dispatchersUsed.add(trace.path().get(0));
            }
        }
        assertThat(dispatchersUsed).hasSize(Lab.DISPATCHERS);
    }

    @Test
    void aServerReplyReachesTheClientFromTheVip() {
        Lab lab = new Lab(TrunkMode.SPRAY);
        Server web3 = lab.server("web-3");
        FakeNetwork net = withSession(lab, Lab.webSession(2, 41000), web3);

        FakeNetwork.Trace trace = net.send("web-3", TestPacket.tcp(web3.mac(), Lab.SAN_GATEWAY_MAC, web3.address(), 80,
                Lab.clientIp(2), 41000, Match.TCP_SYN | Match.TCP_ACK));

        assertThat(trace.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.host()).isEqualTo("c2");
            assertThat(d.packet().ipv4Src()).isEqualTo(Lab.VIP);
            assertThat(d.packet().l4Src()).isEqualTo(80);
            assertThat(d.packet().ethSrc()).isEqualTo(Lab.GATEWAY_MAC);
            assertThat(d.packet().ethDst()).isEqualTo(Lab.clientMac(2));
        });
        assertThat(trace.packetIns()).isEmpty();
    }

    @Test
    void aLockedSessionIsRedirectedThroughTheRouterToTheLockingDispatcher() {
        Lab lab = new Lab(TrunkMode.FLOW_HASH);
        FakeNetwork net = lab.network();
        Set<String> firstHops = new HashSet<>();
        for (int port = 40000; port < 40030; port++) {
            SessionKey key = Lab.webSession(1, port);
            // Dispatcher 3 holds the client's lock; the others redirect to it.
            for (int d = 1; d <= 2; d++) {
                net.switchAt(Lab.dispatcherDpid(d))
                        .install(lab.dispatcherRules(d).lockRedirect(key, RuleConstants.dispatcherMac(3), 2));
            }
            FakeNetwork.Trace trace = net.send("c1", Lab.fromClient(1, port, Match.TCP_ACK));

            assertThat(trace.packetIns()).singleElement().satisfies(p -> {
                assertThat(p.dpid()).isEqualTo(Lab.dispatcherDpid(3));
                assertThat(p.kind()).isEqualTo(RuleKind.VIP_MISS);
                assertThat(p.packet().ipv4Dst()).isEqualTo(Lab.VIP);
                assertThat(p.packet().ipv4Src()).isEqualTo(Lab.clientIp(1));
            });
            assertThat(trace.deliveries()).isEmpty();
            firstHops.add(trace.path().get(0));
        }
        assertThat(firstHops).as("connections first reached every dispatcher")
                .containsExactlyInAnyOrder("0x100:3", "0x100:4", "0x100:5");
    }

    @Test
    void sprayedPacketsOfALockedConnectionAllEndAtTheLocker() {
        Lab lab = new Lab(TrunkMode.SPRAY);
        FakeNetwork net = lab.network();
        SessionKey key = Lab.webSession(2, 50000);
        for (int d = 1; d <= 2; d++) {
            net.switchAt(Lab.dispatcherDpid(d))
                    .install(lab.dispatcherRules(d).lockRedirect(key, RuleConstants.dispatcherMac(3), 2));
        }
        Set<String> firstHops = new HashSet<>();
        for (int flags : new int[] {Match.TCP_SYN, Match.TCP_FIN, Match.TCP_PSH}) {
            FakeNetwork.Trace trace = net.send("c2", Lab.fromClient(2, 50000, flags));

            if (flags == Match.TCP_SYN) {
                // Connection requests are the controller's at whichever dispatcher they meet first; it sends them
                // on to the locker (Verdict.FORWARD_TO_DISPATCHER).
                assertThat(trace.packetIns()).extracting(FakeNetwork.PacketIn::kind)
                        .containsExactly(RuleKind.SYN_TO_CONTROLLER);
                firstHops.add(trace.path().get(0));
                continue;
            }
            assertThat(trace.packetIns()).filteredOn(p -> p.kind() == RuleKind.VIP_MISS)
                    .extracting(FakeNetwork.PacketIn::dpid).containsExactly(Lab.dispatcherDpid(3));
            // A FIN is copied by the first dispatcher it meets and again by the locker: FIN handling is idempotent.
            assertThat(trace.packetIns()).filteredOn(p -> p.kind() == RuleKind.FIN_COPY)
                    .hasSizeBetween(flags == Match.TCP_FIN ? 1 : 0, flags == Match.TCP_FIN ? 2 : 0);
            firstHops.add(trace.path().get(0));
        }
        assertThat(firstHops).as("spray used three links").hasSize(3);
    }
}
