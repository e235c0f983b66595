package dev.switchboard.harness.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * A PACKET_IN of a connection request (Ethernet/IPv4/TCP SYN from a client to a VIP:port), encoded once by
 * openflowj; each emulated request copies the bytes and patches xid, client MAC, address, port, sequence number
 * and the two checksums. Checksums are updated from precomputed sums of the fixed fields, so a request costs a
 * copy and a few stores.
 */
public final class PacketInTemplate {
    /** Table of the dispatcher's VIP-miss rule (docs/topology.md: table 1, anything else to a VIP). */
    public static final int DISPATCHER_MISS_TABLE = 1;

    private static final int ETH = 14;
    private static final int IP_HEADER = 20;
    private static final int TCP_HEADER = 20;
    private static final int FRAME_LENGTH = ETH + IP_HEADER + TCP_HEADER;
    private static final int TCP_SYN = 0x02;
    private static final long CLIENT_MAC_PREFIX = 0x0264_0000_0000L;

    private final byte[] message;
    private final int frame;
    private final int ipSumBase;
    private final int tcpSumBase;

    /**
     * @param inPort the dispatcher's trunk port (where requests arrive from the router)
     * @param reason packet-in reason
     * @param cookie cookie of the rule that sent the packet to the controller
     * @param gatewayMac destination MAC of the frame (the router's, which forwards client traffic)
     * @param vip destination address
     * @param servicePort destination TCP port
     */
    public PacketInTemplate(int inPort, OFPacketInReason reason, long cookie, long gatewayMac, int vip,
                            int servicePort) {
        byte[] data = frame(gatewayMac, vip, servicePort);
        OFFactory factory = OFFactories.getFactory(OFVersion.OF_13);
        OFPacketIn packetIn = factory.buildPacketIn()
                .setXid(0)
                .setBufferId(OFBufferId.NO_BUFFER)
                .setTotalLen(data.length)
                .setReason(reason)
                .setTableId(TableId.of(DISPATCHER_MISS_TABLE))
                .setCookie(U64.of(cookie))
                .setMatch(factory.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(inPort)).build())
                .setData(data)
                .build();
        ByteBuf buf = Unpooled.buffer();
        packetIn.writeTo(buf);
        message = new byte[buf.readableBytes()];
        buf.readBytes(message);
        frame = message.length - FRAME_LENGTH;

        // Sums of the fixed 16-bit words; the patched fields (client address, port, sequence) are zero here.
        ipSumBase = sum(data, ETH, IP_HEADER);
        int tcp = ETH + IP_HEADER;
        tcpSumBase = sum(data, tcp, TCP_HEADER) + (vip >>> 16) + (vip & 0xffff) + Wire.IP_PROTO_TCP + TCP_HEADER;
    }

    private static byte[] frame(long gatewayMac, int vip, int servicePort) {
        ByteBuf f = Unpooled.buffer(FRAME_LENGTH);
        f.writeShort((int) (gatewayMac >>> 32)).writeInt((int) gatewayMac);
        f.writeZero(6); // client MAC, patched
        f.writeShort(Wire.ETH_TYPE_IPV4);
        f.writeByte(0x45).writeByte(0).writeShort(IP_HEADER + TCP_HEADER);
        f.writeShort(0).writeShort(0x4000); // id, don't fragment
        f.writeByte(64).writeByte(Wire.IP_PROTO_TCP).writeShort(0); // ttl, protocol, checksum (patched)
        f.writeInt(0).writeInt(vip); // source (patched), destination
        f.writeShort(0).writeShort(servicePort); // source port (patched), destination port
        f.writeInt(0).writeInt(0); // sequence (patched), acknowledgement
        f.writeByte((TCP_HEADER / 4) << 4).writeByte(TCP_SYN).writeShort(0xffff); // offset, flags, window
        f.writeShort(0).writeShort(0); // checksum (patched), urgent pointer
        byte[] bytes = new byte[FRAME_LENGTH];
        f.readBytes(bytes);
        return bytes;
    }

    /** @return the encoded length of one packet-in */
    public int length() {
        return message.length;
    }

    /**
     * Appends one packet-in to {@code out}.
     *
     * @param out where the message goes
     * @param xid transaction id
     * @param clientIp source address
     * @param clientPort source port
     * @param sequence the SYN's initial sequence number
     */
    public void append(ByteBuf out, int xid, int clientIp, int clientPort, int sequence) {
        int base = out.writerIndex();
        out.writeBytes(message);
        out.setInt(base + 4, xid);
        int f = base + frame;
        out.setShort(f + 6, (int) (CLIENT_MAC_PREFIX >>> 32));
        out.setInt(f + 8, clientIp);
        int ip = f + ETH;
        out.setInt(ip + 12, clientIp);
        int addressSum = (clientIp >>> 16) + (clientIp & 0xffff);
        out.setShort(ip + 10, fold(ipSumBase + addressSum));
        int tcp = ip + IP_HEADER;
        out.setShort(tcp, clientPort);
        out.setInt(tcp + 4, sequence);
        out.setShort(tcp + 16,
                fold(tcpSumBase + addressSum + clientPort + (sequence >>> 16) + (sequence & 0xffff)));
    }

    private static int sum(byte[] data, int from, int length) {
        int sum = 0;
        for (int i = from; i < from + length; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        return sum;
    }

    /** One's complement of the one's-complement sum (RFC 1071). */
    private static int fold(int sum) {
        int s = sum;
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return ~s & 0xffff;
    }
}
