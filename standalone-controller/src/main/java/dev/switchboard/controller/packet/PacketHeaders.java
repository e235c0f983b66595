package dev.switchboard.controller.packet;

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

    /**
     * Parses a frame; on any inconsistency the result is {@link Kind#OTHER}.
     *
     * @return this, for chaining
     */
    public PacketHeaders parse(byte[] frame) {
        kind = Kind.OTHER;
        if (frame == null || frame.length < 14) {
            return this;
        }
        ethDst = u48(frame, 0);
        ethSrc = u48(frame, 6);
        int offset = 12;
        int etherType = u16(frame, offset);
        if (etherType == ETH_TYPE_VLAN) {
            if (frame.length < 18) {
                return this;
            }
            offset += 4;
            etherType = u16(frame, offset);
        }
        offset += 2;
        if (etherType == ETH_TYPE_ARP) {
            parseArp(frame, offset);
        } else if (etherType == ETH_TYPE_IPV4) {
            parseIpv4(frame, offset);
        }
        return this;
    }

    private void parseArp(byte[] f, int o) {
        // htype 1 (Ethernet), ptype IPv4, hlen 6, plen 4
        if (f.length < o + 28 || u16(f, o) != 1 || u16(f, o + 2) != ETH_TYPE_IPV4 || f[o + 4] != 6 || f[o + 5] != 4) {
            return;
        }
        arpOpcode = u16(f, o + 6);
        arpSenderMac = u48(f, o + 8);
        arpSenderIp = s32(f, o + 14);
        arpTargetIp = s32(f, o + 24);
        kind = Kind.ARP;
    }

    private void parseIpv4(byte[] f, int o) {
        if (f.length < o + 20 || (f[o] & 0xf0) != 0x40) {
            return;
        }
        int headerLength = (f[o] & 0x0f) * 4;
        if (headerLength < 20 || f.length < o + headerLength) {
            return;
        }
        int fragment = u16(f, o + 6) & 0x1fff;
        int protocol = f[o + 9] & 0xff;
        ipSrc = s32(f, o + 12);
        ipDst = s32(f, o + 16);
        int l4 = o + headerLength;
        if (fragment != 0) {
            return; // a non-first fragment has no L4 header
        }
        if (protocol == 6 && f.length >= l4 + 20) {
            srcPort = u16(f, l4);
            dstPort = u16(f, l4 + 2);
            tcpFlags = f[l4 + 13] & 0xff;
            kind = Kind.TCP;
        } else if (protocol == 17 && f.length >= l4 + 8) {
            srcPort = u16(f, l4);
            dstPort = u16(f, l4 + 2);
            tcpFlags = 0;
            kind = Kind.UDP;
        }
    }

    private static int u16(byte[] f, int o) {
        return ((f[o] & 0xff) << 8) | (f[o + 1] & 0xff);
    }

    private static int s32(byte[] f, int o) {
        return ((f[o] & 0xff) << 24) | ((f[o + 1] & 0xff) << 16) | ((f[o + 2] & 0xff) << 8) | (f[o + 3] & 0xff);
    }

    private static long u48(byte[] f, int o) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (f[o + i] & 0xff);
        }
        return v;
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
