package dev.switchboard.harness.openflow;

import io.netty.buffer.ByteBuf;

/** Reads the client endpoint of an Ethernet/IPv4/TCP-or-UDP frame in place. */
final class Frames {
    private static final int ETH_HEADER = 14;
    private static final int VLAN_TAG = 4;
    private static final int IPV4_MIN_HEADER = 20;

    private Frames() {
    }

    /**
     * @param buf holds the frame
     * @param from first byte of the Ethernet header
     * @param end one past the frame's last byte
     * @return the client key of the frame's source, or {@link ClientKeys#NONE}
     */
    static long clientKey(ByteBuf buf, int from, int end) {
        int typeAt = from + 12;
        if (typeAt + 2 > end) {
            return ClientKeys.NONE;
        }
        int etherType = buf.getUnsignedShort(typeAt);
        while (etherType == Wire.ETH_TYPE_VLAN || etherType == Wire.ETH_TYPE_QINQ) {
            typeAt += VLAN_TAG;
            if (typeAt + 2 > end) {
                return ClientKeys.NONE;
            }
            etherType = buf.getUnsignedShort(typeAt);
        }
        if (etherType != Wire.ETH_TYPE_IPV4) {
            return ClientKeys.NONE;
        }
        int ip = typeAt + 2;
        if (ip + IPV4_MIN_HEADER > end) {
            return ClientKeys.NONE;
        }
        int versionIhl = buf.getUnsignedByte(ip);
        int headerLength = (versionIhl & 0x0f) * 4;
        if ((versionIhl >>> 4) != 4 || headerLength < IPV4_MIN_HEADER) {
            return ClientKeys.NONE;
        }
        int protocol = buf.getUnsignedByte(ip + 9);
        int l4 = ip + headerLength;
        if ((protocol != Wire.IP_PROTO_TCP && protocol != Wire.IP_PROTO_UDP) || l4 + 2 > end) {
            return ClientKeys.NONE;
        }
        return ClientKeys.of(buf.getInt(ip + 12), buf.getUnsignedShort(l4));
    }

    /** @return the length of an untagged Ethernet + IPv4 header of 20 bytes (offset of the L4 header) */
    static int l4Offset() {
        return ETH_HEADER + IPV4_MIN_HEADER;
    }
}
