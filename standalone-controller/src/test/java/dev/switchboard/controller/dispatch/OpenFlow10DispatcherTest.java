package dev.switchboard.controller.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.switchboard.controller.ControllerRuntime;
import dev.switchboard.controller.config.ConfigLoader;
import dev.switchboard.controller.config.SwitchboardConfig;
import dev.switchboard.dispatch.TcpFlags;
import dev.switchboard.rules.RuleConstants;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TransportPort;

/** A dispatcher switch speaking OpenFlow 1.0 (as classic tools such as cbench do) among 1.3 switches. */
class OpenFlow10DispatcherTest {
    private ControllerRuntime runtime;
    private final List<PeerSwitch> switches = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (PeerSwitch s : switches) {
            s.close();
        }
        runtime.close();
    }

    @Test
    @DisplayName("a 1.0 dispatcher gets one-table rules, decides a SYN, and mirrors sessions with its 1.3 peers")
    void openFlow10DispatcherDispatchesAndMirrors() throws Exception {
        JsonObject json;
        try (InputStream in = getClass().getResourceAsStream("/config/base.json")) {
            json = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        }
        json.getAsJsonObject("openflow").addProperty("port", 0);
        SwitchboardConfig config = ConfigLoader.parse(json.toString());
        runtime = new ControllerRuntime(config);
        InetSocketAddress address = runtime.start(new Switchboard(config, new CatalogHolder(runtime.catalog())));
        switches.add(new PeerSwitch(address, 0x100, 1, 2, 3, 4, 5));
        switches.add(new PeerSwitch(address, 0x300, 1, 2, 3, 4, 5, 6));
        PeerSwitch old = new PeerSwitch(address, OFVersion.OF_10, 0x201, 1, 2);
        switches.add(old);
        OFFlowAdd vipMiss = old.await("its VIP-miss rule", OFFlowAdd.class,
                f -> f.getPriority() == RuleConstants.PRIORITY_DISPATCHER_VIP_MISS);
        assertThat(vipMiss.getVersion()).isEqualTo(OFVersion.OF_10);
        assertThat(old.count(OFFlowAdd.class, f -> f.getPriority() == RuleConstants.PRIORITY_DISPATCHER_FIN_COPY))
                .as("no FIN copies: they need a second table").isZero();
        PeerSwitch modern = new PeerSwitch(address, 0x202, 1, 2);
        switches.add(modern);
        modern.await("its VIP-miss rule", OFFlowAdd.class,
                f -> f.getPriority() == RuleConstants.PRIORITY_DISPATCHER_VIP_MISS);

        byte[] syn = Frames.tcp("192.0.2.11", 41000, "198.51.100.10", 80, TcpFlags.SYN);
        old.send(old.factory().buildPacketIn().setBufferId(OFBufferId.NO_BUFFER).setTotalLen(syn.length)
                .setInPort(OFPort.of(1)).setReason(OFPacketInReason.NO_MATCH).setData(syn).build());

        OFPacketOut out = old.await("the SYN's packet-out", OFPacketOut.class, p -> true);
        assertThat(out.getVersion()).isEqualTo(OFVersion.OF_10);
        for (PeerSwitch d : List.of(old, modern)) {
            OFFlowAdd rule = d.await("the session rule", OFFlowAdd.class,
                    f -> f.getPriority() == RuleConstants.PRIORITY_DISPATCHER_SESSION);
            assertThat(rule.getMatch().get(MatchField.IPV4_SRC)).isEqualTo(IPv4Address.of("192.0.2.11"));
            assertThat(rule.getMatch().get(MatchField.TCP_SRC)).isEqualTo(TransportPort.of(41000));
        }
    }
}
