package dev.switchboard.controller.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The header fields the controller decides on, parsed from a packet-in's frame without copying it.
 * A frame that is too short or malformed parses to {@link Kind#OTHER}; parsing never throws, because
 * a switch may send anything and one bad frame must not disturb the controller.
 *
 * <p>Mutable and reusable on purpose: one instance per event loop parses every packet-in of that loop,
 * so the packet path allocates nothing for parsing.
 */
public final class PacketHeaders {
    /** What the frame carries. */
    public enum Kind {
        /** ARP over Ethernet for IPv4. */
        ARP,
        /** IPv4 carrying TCP. */
        TCP,
        /** IPv4 carrying UDP. */
        UDP,
        /** Anything else, including malformed frames. */
        OTHER
    }

    public static final int ETH_TYPE_IPV4 = 0x0800;
    public static final int ETH_TYPE_ARP = 0x0806;
    private static final int ETH_TYPE_VLAN = 0x8100;

    private Kind kind = Kind.OTHER;
    private long ethSrc;
    private long ethDst;
    private int ipSrc;
    private int ipDst;
    private int srcPort;
    private int dstPort;
    private int tcpFlags;
    private int arpOpcode;
    private int arpSenderIp;
    private long arpSenderMac;
    private int arpTargetIp;
    /** The frame being parsed: set only during {@link #parse(ByteBuf, int, int)}. */
    private ByteBuf f;
    private int base;
    private int length;

    /**
     * Parses a frame; on any inconsistency the result is {@link Kind#OTHER}.
     *
     * @return this, for chaining
     */
    public PacketHeaders parse(byte[] frame) {
        if (frame == null) {
            kind = Kind.OTHER;
            return this;
        }
        return parse(Unpooled.wrappedBuffer(frame), 0, frame.length);
    }

    /**
     * Parses the frame at {@code index..index+length} of a buffer (a packet-in's data, read in place); the
     * buffer's indices are not changed. On any inconsistency the result is {@link Kind#OTHER}.
     *
     * @return this, for chaining
     */
    public PacketHeaders parse(ByteBuf buffer, int index, int length) {
        kind = Kind.OTHER;
        if (length < 14) {
            return this;
        }
        f = buffer;
        base = index;
        this.length = length;
        ethDst = u48(0);
        ethSrc = u48(6);
        int offset = 12;
        int etherType = u16(offset);
        if (etherType == ETH_TYPE_VLAN) {
            if (length < 18) {
                return this;
            }
            offset += 4;
            etherType = u16(offset);
        }
        offset += 2;
        if (etherType == ETH_TYPE_ARP) {
            parseArp(offset);
        } else if (etherType == ETH_TYPE_IPV4) {
            parseIpv4(offset);
        }
        f = null; // the buffer is the caller's; do not keep it alive
        return this;
    }

    private void parseArp(int o) {
        // htype 1 (Ethernet), ptype IPv4, hlen 6, plen 4
        if (length < o + 28 || u16(o) != 1 || u16(o + 2) != ETH_TYPE_IPV4 || u8(o + 4) != 6 || u8(o + 5) != 4) {
            return;
        }
        arpOpcode = u16(o + 6);
        arpSenderMac = u48(o + 8);
        arpSenderIp = s32(o + 14);
        arpTargetIp = s32(o + 24);
        kind = Kind.ARP;
    }

    private void parseIpv4(int o) {
        if (length < o + 20 || (u8(o) & 0xf0) != 0x40) {
            return;
        }
        int headerLength = (u8(o) & 0x0f) * 4;
        if (headerLength < 20 || length < o + headerLength) {
            return;
        }
        int fragment = u16(o + 6) & 0x1fff;
        int protocol = u8(o + 9);
        ipSrc = s32(o + 12);
        ipDst = s32(o + 16);
        int l4 = o + headerLength;
        if (fragment != 0) {
            return; // a non-first fragment has no L4 header
        }
        if (protocol == 6 && length >= l4 + 20) {
            srcPort = u16(l4);
            dstPort = u16(l4 + 2);
            tcpFlags = u8(l4 + 13);
            kind = Kind.TCP;
        } else if (protocol == 17 && length >= l4 + 8) {
            srcPort = u16(l4);
            dstPort = u16(l4 + 2);
            tcpFlags = 0;
            kind = Kind.UDP;
        }
    }

    private int u8(int o) {
        return f.getUnsignedByte(base + o);
    }

    private int u16(int o) {
        return f.getUnsignedShort(base + o);
    }

    private int s32(int o) {
        return f.getInt(base + o);
    }

    private long u48(int o) {
        return f.getUnsignedMedium(base + o) * 0x100_0000L + f.getUnsignedMedium(base + o + 3);
    }

    public Kind kind() {
        return kind;
    }

    public long ethSrc() {
        return ethSrc;
    }

    public long ethDst() {
        return ethDst;
    }

    public int ipSrc() {
        return ipSrc;
    }

    public int ipDst() {
        return ipDst;
    }

    /** @return the IP protocol number of a TCP or UDP packet */
    public int ipProtocol() {
        return kind == Kind.TCP ? 6 : kind == Kind.UDP ? 17 : 0;
    }

    public int srcPort() {
        return srcPort;
    }

    public int dstPort() {
        return dstPort;
    }

    public int tcpFlags() {
        return tcpFlags;
    }

    /** @return 1 for a request, 2 for a reply */
    public int arpOpcode() {
        return arpOpcode;
    }

    public int arpSenderIp() {
        return arpSenderIp;
    }

    public long arpSenderMac() {
        return arpSenderMac;
    }

    public int arpTargetIp() {
        return arpTargetIp;
    }
}
