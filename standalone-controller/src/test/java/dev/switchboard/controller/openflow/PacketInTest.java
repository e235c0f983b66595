package dev.switchboard.controller.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.CorruptedFrameException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFMetadata;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Packet-ins read in place say what openflowj's decoding says, and a malformed one is refused with a reason. */
class PacketInTest {
    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13", "OF_14", "OF_15"})
    void readsInPortCookieAndFrameLikeOpenflowj(OFVersion version) {
        Random random = new Random(0x9ac4e7_1a + version.ordinal());
        OFFactory f = SwitchMessages.factory(version);
        PacketIn view = new PacketIn();
        for (int i = 0; i < 2_000; i++) {
            byte[] data = new byte[random.nextInt(1500)];
            random.nextBytes(data);
            int port = version == OFVersion.OF_10 ? 1 + random.nextInt(0xfeff) : 1 + random.nextInt(0x7fff_fff0);
            OFPacketIn.Builder b = f.buildPacketIn().setBufferId(OFBufferId.NO_BUFFER).setTotalLen(data.length)
                    .setReason(OFPacketInReason.NO_MATCH).setData(data);
            if (version == OFVersion.OF_10) {
                b.setInPort(OFPort.of(port));
            } else {
                Match.Builder match = f.buildMatch();
                if (random.nextBoolean()) { // other OXMs around in_port are skipped
                    match.setExact(MatchField.METADATA, OFMetadata.of(U64.of(random.nextLong())));
                }
                match.setExact(MatchField.IN_PORT, OFPort.of(port));
                b.setMatch(match.build()).setTableId(TableId.of(random.nextInt(200)))
                        .setCookie(U64.of(random.nextLong()));
            }
            OFPacketIn expected = b.build();
            ByteBuf frame = SwitchMessages.encode(expected);

            assertThat(PacketIn.isReadable(frame)).isTrue();
            view.read(frame);
            assertThat(view.version()).isEqualTo(version);
            assertThat(view.inPort()).isEqualTo(port);
            assertThat(view.cookie()).isEqualTo(version == OFVersion.OF_10 ? 0 : expected.getCookie().getValue());
            assertThat(view.data()).isEqualTo(data);
            assertThat(view.decode()).isEqualTo(expected);
            assertThat(frame.readerIndex()).as("indices untouched").isZero();
            frame.release();
        }
    }

    @Test
    void otherMessagesAreNotReadInPlace() {
        ByteBuf echo = SwitchMessages.encode(SwitchMessages.factory(OFVersion.OF_13).buildEchoRequest().build());
        assertThat(PacketIn.isReadable(echo)).isFalse();
        ByteBuf of12 = Unpooled.wrappedBuffer(new byte[] {3, 10, 0, 8, 0, 0, 0, 1});
        assertThat(PacketIn.isReadable(of12)).as("1.2 is never negotiated; openflowj decodes it").isFalse();
    }

    @Test
    void refusesAMatchThatRunsPastTheMessage() {
        ByteBuf frame = of13PacketIn();
        frame.setShort(26, 0x100); // match length 256 in a message of about 100 bytes
        assertThatThrownBy(() -> new PacketIn().read(frame)).isInstanceOf(CorruptedFrameException.class)
                .hasMessageContaining("match length 256 runs past the message");
    }

    @Test
    void refusesAnOxmThatRunsPastTheMatch() {
        ByteBuf frame = of13PacketIn();
        frame.setByte(24 + 4 + 3, 40); // in_port OXM claims 40 bytes of value in a 12-byte match
        assertThatThrownBy(() -> new PacketIn().read(frame)).isInstanceOf(CorruptedFrameException.class)
                .hasMessageContaining("runs past the match");
    }

    @Test
    void refusesAStandardMatch() {
        ByteBuf frame = of13PacketIn();
        frame.setShort(24, 0); // OFPMT_STANDARD
        assertThatThrownBy(() -> new PacketIn().read(frame)).isInstanceOf(CorruptedFrameException.class)
                .hasMessageContaining("match type 0 is not OFPMT_OXM");
    }

    @Test
    void refusesAMessageShorterThanItsFixedPart() {
        ByteBuf frame = Unpooled.wrappedBuffer(new byte[] {4, 10, 0, 16, 0, 0, 0, 1, -1, -1, -1, -1, 0, 0, 0, 0});
        assertThatThrownBy(() -> new PacketIn().read(frame)).isInstanceOf(CorruptedFrameException.class)
                .hasMessageContaining("shorter than its fixed part");
    }

    @Test
    void aMessageWithoutInPortSaysSo() {
        OFFactory f = SwitchMessages.factory(OFVersion.OF_13);
        ByteBuf frame = SwitchMessages.encode(f.buildPacketIn().setBufferId(OFBufferId.NO_BUFFER)
                .setReason(OFPacketInReason.ACTION).setMatch(f.buildMatch().build()).setData(new byte[] {1, 2})
                .build());
        PacketIn view = new PacketIn();
        view.read(frame);
        assertThat(view.inPort()).isEqualTo(-1);
        assertThat(view.data()).containsExactly(1, 2);
    }

    private static ByteBuf of13PacketIn() {
        return SwitchMessages.encode(SwitchMessages.packetIn(OFVersion.OF_13, 3, new byte[60]));
    }
}
