package dev.switchboard.rules.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;
import dev.switchboard.rules.Action;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.action.OFActionSetField;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFPort;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

class PacketOutTest {
    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_13", "OF_14", "OF_15"})
    void packetOutCarriesFrameInPortAndRewrites(OFVersion version) throws Exception {
        OpenFlowEncoder encoder = new OpenFlowEncoder(OFFactories.getFactory(version));
        byte[] frame = new byte[60];
        frame[0] = 0x02;
        OFPacketOut out = encoder.packetOut(frame, 1, List.of(Action.setEthDst(MacAddress.parse("02:00:00:00:0b:01")),
                Action.setIpv4Dst(Ipv4.parse("203.0.113.11")), Action.output(2)));
        ByteBuf buf = Unpooled.buffer();
        out.writeTo(buf);
        OFPacketOut decoded = (OFPacketOut) OFFactories.getGenericReader().readFrom(buf);
        assertThat(decoded.getData()).isEqualTo(frame);
        OFPort inPort = version == OFVersion.OF_15 ? decoded.getMatch().get(MatchField.IN_PORT) : decoded.getInPort();
        assertThat(inPort).isEqualTo(OFPort.of(1));
        assertThat(decoded.getActions()).hasSize(3);
        assertThat(((OFActionSetField) decoded.getActions().get(1)).getField().getValue().toString())
                .isEqualTo("203.0.113.11");
        assertThat(((OFActionOutput) decoded.getActions().get(2)).getPort()).isEqualTo(OFPort.of(2));
    }
}
