package dev.switchboard.controller.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.CorruptedFrameException;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * A packet-in as it arrived, read in place from the connection's receive buffer: its in_port, cookie and the
 * position of the packet's frame, without decoding the message into objects or copying the frame.
 *
 * <p>Why: a packet-in is the message a load balancer's controller receives most (one per new session), and
 * decoding it with openflowj allocated the message, its match, the OXMs and a copy of the frame every time.
 *
 * <p>Lifetime: one instance per connection, reused for every packet-in; its contents are valid only during the
 * {@link SwitchListener#packetIn} call that receives it (the buffer is released and the instance refilled
 * afterwards). Keep what is needed by copying it ({@link #data()}, {@link #decode()}).
 */
public final class PacketIn {
    private static final int OFPT_PACKET_IN = 10;
    private static final int OF10_DATA_OFFSET = 18;
    /** Header, buffer_id, total_len, reason, table_id, cookie: where the match starts (1.3 to 1.5). */
    private static final int MATCH_OFFSET = 24;
    private static final int OFPMT_OXM = 1;
    private static final int OXM_IN_PORT = (0x8000 << 16) | (0 << 9) | 4;
    private static final int OF10_FIRST_RESERVED_PORT = 0xff00;

    private ByteBuf buffer;
    private int start;
    private int length;
    private OFVersion version;
    private long inPort;
    private long cookie;
    private int reason;
    private int dataIndex;
    private int dataLength;

    /** @return whether the frame (one whole OpenFlow message) is a packet-in that {@link #read} reads in place */
    static boolean isReadable(ByteBuf frame) {
        int index = frame.readerIndex();
        if (frame.readableBytes() < OpenFlowFrameDecoder.HEADER_LENGTH
                || frame.getUnsignedByte(index + 1) != OFPT_PACKET_IN) {
            return false;
        }
        int wire = frame.getUnsignedByte(index);
        return wire == 1 || wire == 4 || wire == 5 || wire == 6;
    }

    /**
     * Points this view at the packet-in in {@code frame} (one whole message, as framed); the frame's indices are
     * not changed.
     *
     * @throws CorruptedFrameException when the message's structure is inconsistent; the view is then unusable
     */
    void read(ByteBuf frame) {
        buffer = frame;
        start = frame.readerIndex();
        length = frame.readableBytes();
        int wire = frame.getUnsignedByte(start);
        version = versionOf(wire);
        if (version == OFVersion.OF_10) {
            require(length >= OF10_DATA_OFFSET, "shorter than its fixed part");
            reason = frame.getUnsignedByte(start + 16);
            int port = frame.getUnsignedShort(start + 14);
            inPort = port >= OF10_FIRST_RESERVED_PORT ? 0xffff_0000L | port : port; // as 1.3 numbers them
            cookie = 0;
            dataIndex = start + OF10_DATA_OFFSET;
        } else {
            require(length >= MATCH_OFFSET + 4, "shorter than its fixed part");
            reason = frame.getUnsignedByte(start + 14);
            cookie = frame.getLong(start + 16);
            int matchType = frame.getUnsignedShort(start + MATCH_OFFSET);
            int matchLength = frame.getUnsignedShort(start + MATCH_OFFSET + 2);
            require(matchType == OFPMT_OXM, "match type " + matchType + " is not OFPMT_OXM");
            require(matchLength >= 4, "match length " + matchLength + " is shorter than its header");
            int matchEnd = start + MATCH_OFFSET + matchLength;
            dataIndex = start + MATCH_OFFSET + ((matchLength + 7) & ~7) + 2; // padded match, 2 bytes of pad
            require(dataIndex <= start + length, "match length " + matchLength + " runs past the message");
            inPort = inPortOf(frame, start + MATCH_OFFSET + 4, matchEnd);
        }
        dataLength = start + length - dataIndex;
    }

    private static OFVersion versionOf(int wire) {
        return switch (wire) {
            case 1 -> OFVersion.OF_10;
            case 4 -> OFVersion.OF_13;
            case 5 -> OFVersion.OF_14;
            case 6 -> OFVersion.OF_15;
            default -> throw new IllegalArgumentException("not a version read in place: " + wire);
        };
    }

    /** Walks the OXMs; every one must fit the match. @return the in_port OXM's value, or -1 */
    private static long inPortOf(ByteBuf frame, int oxm, int matchEnd) {
        long port = -1;
        while (oxm < matchEnd) {
            require(oxm + 4 <= matchEnd, "truncated OXM header in the match");
            int header = frame.getInt(oxm);
            int valueLength = header & 0xff;
            require(oxm + 4 + valueLength <= matchEnd, "OXM 0x" + Integer.toHexString(header) + " runs past the match");
            if (header == OXM_IN_PORT) {
                port = frame.getUnsignedInt(oxm + 4);
            }
            oxm += 4 + valueLength;
        }
        return port;
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new CorruptedFrameException("malformed packet-in: " + problem);
        }
    }

    /** @return the version the message was sent in */
    public OFVersion version() {
        return version;
    }

    /** @return the port the packet arrived on, or -1 when the message does not say */
    public long inPort() {
        return inPort;
    }

    /** @return the cookie of the rule that sent the packet (OpenFlow 1.3+), or 0 */
    public long cookie() {
        return cookie;
    }

    /** @return the reason code (0 no match, 1 action, 2 invalid TTL in 1.3's numbering) */
    public int reason() {
        return reason;
    }

    /** @return the buffer holding the packet's frame at {@link #dataIndex()}; do not change its indices */
    public ByteBuf buffer() {
        return buffer;
    }

    /** @return where the packet's frame starts in {@link #buffer()} */
    public int dataIndex() {
        return dataIndex;
    }

    /** @return the length of the packet's frame */
    public int dataLength() {
        return dataLength;
    }

    /** @return a copy of the packet's frame */
    public byte[] data() {
        return ByteBufUtil.getBytes(buffer, dataIndex, dataLength);
    }

    /**
     * @return the message decoded by openflowj, for the rare consumer that needs all of it
     * @throws CorruptedFrameException when openflowj cannot parse it
     */
    public OFPacketIn decode() {
        OFMessage message;
        try {
            message = OFFactories.getGenericReader().readFrom(buffer.slice(start, length));
        } catch (Exception e) {
            throw new CorruptedFrameException("malformed packet-in: " + e.getMessage(), e);
        }
        if (!(message instanceof OFPacketIn packetIn)) {
            throw new CorruptedFrameException("malformed packet-in: openflowj read " + message);
        }
        return packetIn;
    }

    @Override
    public String toString() {
        return "PacketIn{" + version + ", in_port " + inPort + ", cookie 0x" + Long.toHexString(cookie) + ", "
                + dataLength + " bytes}";
    }
}
