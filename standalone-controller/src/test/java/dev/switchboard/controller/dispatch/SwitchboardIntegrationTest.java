package dev.switchboard.controller.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.switchboard.controller.ControllerRuntime;
import dev.switchboard.controller.config.ConfigLoader;
import dev.switchboard.controller.config.SwitchboardConfig;
import dev.switchboard.dispatch.TcpFlags;
import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;
import dev.switchboard.rules.Cookies;
import dev.switchboard.rules.RuleKind;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowDeleteStrict;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowRemovedReason;
import org.projectfloodlight.openflow.protocol.OFGroupModify;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.action.OFActionSetField;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U64;

/**
 * The standalone controller with its dispatch application, driven over real TCP by emulated switches:
 * a router, three dispatchers and the SAN switch of the test configuration.
 */
class SwitchboardIntegrationTest {
    private static final String VIP = "198.51.100.10";
    private static final String CLIENT = "192.0.2.11";
    private static final long VIP_MISS = Cookies.of(RuleKind.VIP_MISS, Ipv4.parse(VIP));
    private static final long FIN_COPY = Cookies.of(RuleKind.FIN_COPY, 1);

    private ControllerRuntime runtime;
    private PeerSwitch router;
    private PeerSwitch san;
    private final List<PeerSwitch> dispatchers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        JsonObject json;
        try (InputStream in = getClass().getResourceAsStream("/config/base.json")) {
            json = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        }
        json.getAsJsonObject("openflow").addProperty("port", 0);
        json.getAsJsonObject("dispatch").addProperty("finLingerMillis", 50);
        SwitchboardConfig config = ConfigLoader.parse(json.toString());
        runtime = new ControllerRuntime(config);
        InetSocketAddress address = runtime.start(new Switchboard(config, new CatalogHolder(runtime.catalog())));
        router = new PeerSwitch(address, 0x100, 1, 2, 3, 4, 5);
        san = new PeerSwitch(address, 0x300, 1, 2, 3, 4, 5, 6);
        for (int d = 1; d <= 3; d++) {
            PeerSwitch s = new PeerSwitch(address, 0x200 + d, 1, 2);
            dispatchers.add(s);
            s.await("its VIP-miss rule", OFFlowAdd.class, f -> f.getCookie().getValue() == VIP_MISS);
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (PeerSwitch s : dispatchers) {
            s.close();
        }
        router.close();
        san.close();
        runtime.close();
    }

    private static org.projectfloodlight.openflow.protocol.OFPacketIn packetIn(int inPort, long cookie, byte[] frame) {
        return PeerSwitch.OF.buildPacketIn().setBufferId(OFBufferId.NO_BUFFER).setTotalLen(frame.length)
                .setReason(OFPacketInReason.NO_MATCH).setTableId(TableId.of(1)).setCookie(U64.of(cookie))
                .setMatch(PeerSwitch.OF.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(inPort)).build())
                .setData(frame).build();
    }

    /** Session rules carry the session cookie; strict deletes are identified by match and priority alone. */
    private static Predicate<OFFlowMod> sessionOf(int clientPort) {
        return f -> (f instanceof OFFlowDeleteStrict || Cookies.kindOf(f.getCookie().getValue()) == RuleKind.SESSION)
                && f.getPriority() == dev.switchboard.rules.RuleConstants.PRIORITY_DISPATCHER_SESSION
                && IPv4Address.of(CLIENT).equals(clientOf(f.getMatch()))
                && f.getMatch().get(MatchField.TCP_SRC).equals(TransportPort.of(clientPort));
    }

    private static IPv4Address clientOf(Match m) {
        return m.get(MatchField.IPV4_SRC);
    }

    private String openSession(int clientPort) throws Exception {
        dispatchers.get(0).send(packetIn(1, VIP_MISS, Frames.tcp(CLIENT, clientPort, VIP, 80, TcpFlags.SYN)));
        OFPacketOut out = dispatchers.get(0).await("the SYN's packet-out", OFPacketOut.class, p -> true);
        String server = ((OFActionSetField) out.getActions().get(1)).getField().getValue().toString();
        assertThat(((OFActionOutput) out.getActions().get(2)).getPort()).as("out on the SAN port")
                .isEqualTo(OFPort.of(2));
        for (PeerSwitch d : dispatchers) {
            d.await("the mirrored session rule", OFFlowAdd.class, f -> sessionOf(clientPort).test(f));
        }
        return server;
    }

    @Test
    @DisplayName("a SYN at one dispatcher is forwarded to a web server and its rule is mirrored on all three")
    void requestIsForwardedAndMirrored() throws Exception {
        String server = openSession(40000);
        assertThat(server).isIn("203.0.113.11", "203.0.113.12");
        for (PeerSwitch d : dispatchers) {
            OFFlowAdd rule = d.await("session rule", OFFlowAdd.class, f -> sessionOf(40000).test(f));
            assertThat(rule.getIdleTimeout()).isEqualTo(60);
            assertThat(rule.getMatch().get(MatchField.TCP_DST)).isEqualTo(TransportPort.of(80));
        }
    }

    @Test
    @DisplayName("FIN from the client at one dispatcher and from the server at another removes the rule everywhere")
    void finInBothDirectionsRemovesEveryMirror() throws Exception {
        String server = openSession(40001);
        dispatchers.get(1).send(packetIn(1, FIN_COPY, Frames.tcp(CLIENT, 40001, VIP, 80,
                TcpFlags.FIN | TcpFlags.ACK)));
        dispatchers.get(2).send(packetIn(2, FIN_COPY, Frames.tcp(server, 80, CLIENT, 40001,
                TcpFlags.FIN | TcpFlags.ACK)));
        for (PeerSwitch d : dispatchers) {
            d.await("the session rule's delete", OFFlowDeleteStrict.class, f -> sessionOf(40001).test(f));
        }
    }

    @Test
    @DisplayName("idle on only two dispatchers keeps the session; idle on all three removes it")
    void idleOnEveryDispatcherEndsTheSession() throws Exception {
        openSession(40002);
        List<OFFlowAdd> rules = new ArrayList<>();
        for (PeerSwitch d : dispatchers) {
            rules.add(d.await("rule", OFFlowAdd.class, f -> sessionOf(40002).test(f)));
        }
        for (int i = 0; i < 2; i++) {
            dispatchers.get(i).send(flowRemoved(rules.get(i)));
        }
        dispatchers.get(0).send(packetIn(1, VIP_MISS, Frames.tcp(CLIENT, 40099, VIP, 80, TcpFlags.SYN)));
        dispatchers.get(0).await("a later request's rule", OFFlowAdd.class, f -> sessionOf(40099).test(f));
        assertThat(dispatchers.get(0).count(OFFlowDeleteStrict.class, f -> sessionOf(40002).test(f)))
                .as("not all idle yet").isZero();

        dispatchers.get(2).send(flowRemoved(rules.get(2)));
        for (PeerSwitch d : dispatchers) {
            d.await("the idle session's delete", OFFlowDeleteStrict.class, f -> sessionOf(40002).test(f));
        }
    }

    private static org.projectfloodlight.openflow.protocol.OFFlowRemoved flowRemoved(OFFlowAdd rule) {
        return PeerSwitch.OF.buildFlowRemoved().setCookie(rule.getCookie()).setPriority(rule.getPriority())
                .setReason(OFFlowRemovedReason.IDLE_TIMEOUT).setTableId(rule.getTableId())
                .setIdleTimeout(rule.getIdleTimeout()).setMatch(rule.getMatch()).build();
    }

    @Test
    @DisplayName("the router answers ARP for the client gateway and learns a route to the client")
    void routerAnswersArpAndLearnsTheClient() throws Exception {
        long clientMac = MacAddress.parse("02:00:00:00:0a:01");
        router.send(packetIn(1, 0, Frames.arpRequest(clientMac, CLIENT, "192.0.2.1")));
        OFPacketOut reply = router.await("an ARP reply", OFPacketOut.class, p -> true);
        assertThat(reply.getData()[21]).as("ARP opcode reply").isEqualTo((byte) 2);
        assertThat(((OFActionOutput) reply.getActions().get(0)).getPort()).isEqualTo(OFPort.IN_PORT);
        router.await("a route to the client", OFFlowAdd.class,
                f -> Cookies.kindOf(f.getCookie().getValue()) == RuleKind.CLIENT_ROUTE);
    }

    @Test
    @DisplayName("a trunk link going down takes its dispatcher out of the SAN switch's uplink group")
    void trunkLinkDownLeavesTheUplinkGroup() throws Exception {
        san.await("its uplink group", org.projectfloodlight.openflow.protocol.OFGroupAdd.class, g -> true);
        router.send(PeerSwitch.OF.buildPortStatus().setReason(OFPortReason.MODIFY)
                .setDesc(PeerSwitch.port(4, true)).build());
        // dispatcher 2 sits on SAN port 2; dispatchers 1 and 3 on ports 1 and 3
        OFGroupModify modify = san.await("an uplink group of dispatchers 1 and 3", OFGroupModify.class,
                g -> g.getBuckets().stream().map(b -> b.getWatchPort()).toList()
                        .equals(List.of(OFPort.of(1), OFPort.of(3))));
        assertThat(modify.getBuckets()).hasSize(2);
    }

    @Test
    @DisplayName("a late 'up' from the dispatcher's end does not bring back a link whose router end is down")
    void lateUpFromOneEndKeepsTheLinkDown() throws Exception {
        san.await("its uplink group", org.projectfloodlight.openflow.protocol.OFGroupAdd.class, g -> true);
        router.send(PeerSwitch.OF.buildPortStatus().setReason(OFPortReason.MODIFY)
                .setDesc(PeerSwitch.port(4, true)).build());
        san.await("an uplink group of dispatchers 1 and 3", OFGroupModify.class,
                g -> g.getBuckets().stream().map(b -> b.getWatchPort()).toList()
                        .equals(List.of(OFPort.of(1), OFPort.of(3))));
        long afterDown = san.count(OFGroupModify.class, g -> true);
        for (boolean linkDown : new boolean[] {false, true, false}) {
            dispatchers.get(1).send(PeerSwitch.OF.buildPortStatus().setReason(OFPortReason.MODIFY)
                    .setDesc(PeerSwitch.port(1, linkDown)).build());
        }
        dispatchers.get(1).roundTrip(); // the three reports are handled before the router's end comes back
        // only the router end coming back restores the link: exactly one more modify, with all three
        router.send(PeerSwitch.OF.buildPortStatus().setReason(OFPortReason.MODIFY)
                .setDesc(PeerSwitch.port(4, false)).build());
        san.await("one more uplink modify", OFGroupModify.class,
                g -> san.count(OFGroupModify.class, x -> true) > afterDown);
        List<OFGroupModify> modifies = san.received().stream().filter(OFGroupModify.class::isInstance)
                .map(OFGroupModify.class::cast).toList();
        assertThat(modifies).as("the dispatcher end's reports changed nothing").hasSize((int) afterDown + 1);
        assertThat(modifies.get(modifies.size() - 1).getBuckets()).hasSize(3);
    }

    @Test
    @DisplayName("garbage from one dispatcher switch closes only that switch; the others keep dispatching")
    void garbageFromOneSwitchAffectsNoOther() throws Exception {
        dispatchers.get(2).sendRaw(new byte[] {4, 99, 0, 8, 0, 0, 0, 1, 7, 7, 7, 7});
        dispatchers.get(1).send(packetIn(1, VIP_MISS, new byte[] {1, 2, 3}));
        String server = openSessionAt(1, 40003);
        assertThat(server).startsWith("203.0.113.");
    }

    private String openSessionAt(int index, int clientPort) throws Exception {
        dispatchers.get(index).send(packetIn(1, VIP_MISS, Frames.tcp(CLIENT, clientPort, VIP, 80, TcpFlags.SYN)));
        OFPacketOut out = dispatchers.get(index).await("packet-out", OFPacketOut.class,
                p -> p.getData().length == 54 && p.getData()[35] == (byte) (clientPort & 0xff));
        dispatchers.get(0).await("mirror on dispatcher 1", OFFlowAdd.class, f -> sessionOf(clientPort).test(f));
        return ((OFActionSetField) out.getActions().get(1)).getField().getValue().toString();
    }
}
