package dev.switchboard.harness.openflow;

import dev.switchboard.rules.Cookies;
import dev.switchboard.rules.RuleKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;

import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The patched packet-in template parses as a proper OpenFlow 1.3 PACKET_IN of a valid TCP SYN. */
class PacketInTemplateTest {
    private static final OFFactory OF13 = OFFactories.getFactory(OFVersion.OF_13);
    private static final int VIP = 0xc633640a;
    private static final long COOKIE = Cookies.of(RuleKind.VIP_MISS, VIP);

    private final PacketInTemplate template = new PacketInTemplate(1, OFPacketInReason.NO_MATCH, COOKIE,
            0x025b_0000_0001L, VIP, 80);

    @Test
    void patchedPacketInsParseWithTheirOwnFields() throws Exception {
        ByteBuf buf = Unpooled.buffer();
        int[][] clients = {{0x64400001, 1024, 0}, {0x647ffffe, 65535, -1}, {0x6440ff00, 40000, 0x12345678}};
        for (int i = 0; i < clients.length; i++) {
            template.append(buf, 100 + i, clients[i][0], clients[i][1], clients[i][2]);
        }
        assertThat(buf.readableBytes()).isEqualTo(3 * template.length());
        for (int i = 0; i < clients.length; i++) {
            OFMessage m = OFFactories.getGenericReader().readFrom(buf);
            assertThat(m).isInstanceOf(OFPacketIn.class);
            OFPacketIn pi = (OFPacketIn) m;
            assertThat(pi.getVersion()).isEqualTo(OFVersion.OF_13);
            assertThat(pi.getXid()).isEqualTo(100 + i);
            assertThat(pi.getBufferId()).isEqualTo(OFBufferId.NO_BUFFER);
            assertThat(pi.getReason()).isEqualTo(OFPacketInReason.NO_MATCH);
            assertThat(pi.getTableId().getValue()).isEqualTo((short) 1);
            assertThat(pi.getCookie().getValue()).isEqualTo(COOKIE);
            assertThat(pi.getMatch().get(MatchField.IN_PORT)).isEqualTo(OFPort.of(1));
            byte[] data = pi.getData();
            assertThat(pi.getTotalLen()).isEqualTo(data.length);
            ByteBuffer f = ByteBuffer.wrap(data);
            assertThat(f.getShort(12) & 0xffff).isEqualTo(0x0800);
            assertThat(f.getInt(8)).isEqualTo(clients[i][0]); // client MAC ends with its address
            assertThat(f.getInt(14 + 12)).isEqualTo(clients[i][0]);
            assertThat(f.getInt(14 + 16)).isEqualTo(VIP);
            assertThat(f.get(14 + 9)).isEqualTo((byte) 6);
            assertThat(f.getShort(34) & 0xffff).isEqualTo(clients[i][1]);
            assertThat(f.getShort(36) & 0xffff).isEqualTo(80);
            assertThat(f.getInt(38)).isEqualTo(clients[i][2]);
            assertThat(f.get(47)).isEqualTo((byte) 0x02); // SYN only
            assertThat(onesSum(data, 14, 20)).as("IPv4 header checksum").isEqualTo(0xffff);
            assertThat(tcpChecksumOk(data)).as("TCP checksum").isTrue();
        }
    }

    @Test
    void aPacketOutCarryingTheFrameYieldsTheClient() {
        ByteBuf buf = Unpooled.buffer();
        template.append(buf, 1, 0x64400a0b, 40001, 7);
        OFPacketIn pi = (OFPacketIn) readQuietly(buf);
        OFPacketOut po = OF13.buildPacketOut().setBufferId(OFBufferId.NO_BUFFER).setInPort(OFPort.of(1))
                .setActions(List.of(OF13.actions().output(OFPort.of(2), 0xffff))).setData(pi.getData()).build();
        ByteBuf out = Unpooled.buffer();
        out.writeZero(5);
        po.writeTo(out);
        assertThat(PacketOutView.clientKey(out, 5, out.writerIndex() - 5)).isEqualTo(ClientKeys.of(0x64400a0b, 40001));
    }

    @Test
    void aPacketOutWithoutAnIpv4PacketYieldsNoClient() {
        OFPacketOut arp = OF13.buildPacketOut().setBufferId(OFBufferId.NO_BUFFER).setInPort(OFPort.CONTROLLER)
                .setActions(List.of()).setData(arpFrame()).build();
        ByteBuf out = Unpooled.buffer();
        arp.writeTo(out);
        assertThat(PacketOutView.clientKey(out, 0, out.readableBytes())).isEqualTo(ClientKeys.NONE);
        OFPacketOut empty = OF13.buildPacketOut().setBufferId(OFBufferId.NO_BUFFER).setInPort(OFPort.CONTROLLER)
                .setActions(List.of()).setData(new byte[0]).build();
        ByteBuf e = Unpooled.buffer();
        empty.writeTo(e);
        assertThat(PacketOutView.clientKey(e, 0, e.readableBytes())).isEqualTo(ClientKeys.NONE);
    }

    @Test
    void vlanTaggedFramesAreReadPastTheTag() {
        ByteBuf frame = Unpooled.buffer();
        frame.writeZero(12).writeShort(0x8100).writeShort(10).writeShort(0x0800);
        frame.writeByte(0x45).writeZero(8).writeByte(17).writeZero(2).writeInt(0x64400005).writeInt(VIP);
        frame.writeShort(5353).writeShort(53).writeZero(4);
        assertThat(Frames.clientKey(frame, 0, frame.writerIndex())).isEqualTo(ClientKeys.of(0x64400005, 5353));
    }

    private static byte[] arpFrame() {
        byte[] f = new byte[42];
        f[12] = 0x08;
        f[13] = 0x06;
        return f;
    }

    private static OFMessage readQuietly(ByteBuf buf) {
        try {
            return OFFactories.getGenericReader().readFrom(buf);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int onesSum(byte[] d, int from, int length) {
        int sum = 0;
        for (int i = from; i < from + length; i += 2) {
            sum += ((d[i] & 0xff) << 8) | (d[i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return sum;
    }

    private static boolean tcpChecksumOk(byte[] d) {
        byte[] pseudo = new byte[12 + 20];
        System.arraycopy(d, 26, pseudo, 0, 8); // source and destination address
        pseudo[9] = 6;
        pseudo[11] = 20;
        System.arraycopy(d, 34, pseudo, 12, 20);
        return onesSum(pseudo, 0, pseudo.length) == 0xffff;
    }
}
