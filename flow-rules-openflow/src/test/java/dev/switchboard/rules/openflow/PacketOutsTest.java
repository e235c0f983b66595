package dev.switchboard.rules.openflow;

import dev.switchboard.rules.Action;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFVersion;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The directly written packet-outs are the generic encoder's messages: same bytes and same decoded message, for
 * random frames, ports and addresses, with the frame read in place from a larger buffer.
 */
class PacketOutsTest {
    private static final int MESSAGES_PER_VERSION = 3_000;

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_13", "OF_14"})
    void bothPacketOutsEqualTheGenericEncodingForRandomFrames(OFVersion version) throws Exception {
        Random random = new Random(0x9ac4e7_0075L + version.ordinal());
        OpenFlowEncoder encoder = new OpenFlowEncoder(OFFactories.getFactory(version));
        PacketOuts packetOuts = new PacketOuts(version);
        ByteBuf out = Unpooled.buffer();
        ByteBuf scratch = Unpooled.buffer();
        for (int i = 0; i < MESSAGES_PER_VERSION; i++) {
            byte[] frame = new byte[random.nextInt(1600)];
            random.nextBytes(frame);
            // The frame sits inside other bytes, as a packet-in's data does inside its message.
            int before = random.nextInt(40);
            ByteBuf received = Unpooled.buffer();
            received.writeZero(before).writeBytes(frame).writeInt(random.nextInt());
            int readerIndex = received.readerIndex();
            long inPort = 1 + random.nextInt(0xfffe);
            long mac = random.nextLong() & 0xffff_ffff_ffffL;
            int xid = random.nextInt();
            out.clear();

            OFMessage expected;
            int at;
            if (random.nextBoolean()) {
                int serverIp = random.nextInt();
                long outPort = 1 + (random.nextLong() & 0x7fff_ffffL);
                expected = encoder.packetOut(frame, inPort, List.of(Action.setEthDst(mac), Action.setIpv4Dst(serverIp),
                        Action.output(outPort)));
                at = packetOuts.writeToServer(out, xid, inPort, mac, serverIp, outPort, received, before,
                        frame.length);
            } else {
                expected = encoder.packetOut(frame, inPort, List.of(Action.setEthDst(mac), Action.outputInPort()));
                at = packetOuts.writeToDispatcher(out, xid, inPort, mac, received, before, frame.length);
            }
            expected = expected.createBuilder().setXid(Integer.toUnsignedLong(xid)).build();

            scratch.clear();
            expected.writeTo(scratch);
            assertThat(ByteBufUtil.hexDump(out)).as("bytes of %s", expected).isEqualTo(ByteBufUtil.hexDump(scratch));
            assertThat(OFFactories.getGenericReader().readFrom(out.duplicate())).isEqualTo(expected);
            assertThat(at).as("frame offset").isEqualTo(out.writerIndex() - frame.length);
            assertThat(ByteBufUtil.getBytes(out, at, frame.length)).isEqualTo(frame);
            assertThat(received.readerIndex()).as("source buffer untouched").isEqualTo(readerIndex);
            received.release();
        }
        out.release();
        scratch.release();
    }

    @Test
    void badArgumentsWriteNothing() {
        PacketOuts packetOuts = new PacketOuts(OFVersion.OF_13);
        ByteBuf out = Unpooled.buffer();
        ByteBuf frame = Unpooled.wrappedBuffer(new byte[64]);
        assertThatThrownBy(() -> packetOuts.writeToServer(out, 1, 1, 1L << 48, 1, 2, frame, 0, 64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAC must be 48 bits");
        assertThatThrownBy(() -> packetOuts.writeToServer(out, 1, 0, 1, 1, 2, frame, 0, 64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inPort");
        assertThatThrownBy(() -> packetOuts.writeToServer(out, 1, 1, 1, 1, 0xffff_fff8L, frame, 0, 64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outPort");
        assertThatThrownBy(() -> packetOuts.writeToDispatcher(out, 1, 1, -1, frame, 0, 64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAC");
        assertThatThrownBy(() -> packetOuts.writeToDispatcher(out, 1, 1, 1, frame, 0,
                PacketOuts.MAX_FRAME_LENGTH + 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frame length");
        assertThat(out.writerIndex()).isZero();
    }

    @Test
    void theLongestFrameStillFitsTheSixteenBitLength() throws Exception {
        PacketOuts packetOuts = new PacketOuts(OFVersion.OF_14);
        ByteBuf out = Unpooled.buffer();
        ByteBuf frame = Unpooled.wrappedBuffer(new byte[PacketOuts.MAX_FRAME_LENGTH]);
        packetOuts.writeToServer(out, 9, 3, 2, 1, 4, frame, 0, PacketOuts.MAX_FRAME_LENGTH);
        assertThat(out.readableBytes()).isEqualTo(0xffff);
        OFPacketOut decoded = (OFPacketOut) OFFactories.getGenericReader().readFrom(out);
        assertThat(decoded.getData()).hasSize(PacketOuts.MAX_FRAME_LENGTH);
    }

    @Test
    void otherVersionsAreRefused() {
        assertThat(PacketOuts.supports(OFVersion.OF_10)).isFalse();
        assertThat(PacketOuts.supports(OFVersion.OF_15)).isFalse();
        assertThatThrownBy(() -> new PacketOuts(OFVersion.OF_15)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("use OpenFlowEncoder");
    }
}
