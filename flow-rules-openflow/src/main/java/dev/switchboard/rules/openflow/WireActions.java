package dev.switchboard.rules.openflow;

import io.netty.buffer.ByteBuf;

/**
 * The OpenFlow 1.3/1.4 actions of the hot-path messages, written in wire form: set eth_dst, set ipv4_dst and
 * output, exactly as openflowj writes them. Shared by {@link SessionFlowMods} (a session rule's actions) and
 * {@link PacketOuts} (a packet-out's), whose bytes are tested equal to the generic encoder's.
 */
final class WireActions {
    private static final int OFPAT_OUTPUT = 0;
    private static final int OFPAT_SET_FIELD = 25;
    private static final int OXM_ETH_DST = (0x8000 << 16) | (3 << 9) | 6;
    private static final int OXM_IPV4_DST = (0x8000 << 16) | (12 << 9) | 4;
    /** A set-field of eth_dst (4 + 4 + 6 = 14 bytes) or of ipv4_dst (4 + 4 + 4 = 12), padded to 8. */
    static final int SET_FIELD_LENGTH = 16;
    /** ofp_action_output: header, port, max_len, 6 bytes pad. */
    static final int OUTPUT_LENGTH = 16;

    private WireActions() {
    }

    static void setEthDst(ByteBuf out, long mac) {
        out.writeShort(OFPAT_SET_FIELD).writeShort(SET_FIELD_LENGTH).writeInt(OXM_ETH_DST)
                .writeShort((int) (mac >>> 32)).writeInt((int) mac).writeShort(0);
    }

    static void setIpv4Dst(ByteBuf out, int address) {
        out.writeShort(OFPAT_SET_FIELD).writeShort(SET_FIELD_LENGTH).writeInt(OXM_IPV4_DST).writeInt(address)
                .writeInt(0);
    }

    /** max_len only matters for output to the controller; the generic encoder writes 0 for the others. */
    static void output(ByteBuf out, int port) {
        out.writeShort(OFPAT_OUTPUT).writeShort(OUTPUT_LENGTH).writeInt(port).writeShort(0).writeZero(6);
    }
}
