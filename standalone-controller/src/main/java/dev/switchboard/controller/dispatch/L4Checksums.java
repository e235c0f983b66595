package dev.switchboard.controller.dispatch;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Completes the TCP or UDP checksum of a packet-in's frame before the controller sends it out again.
 *
 * <p>Why: with checksum offload (Open vSwitch's userspace datapath with userspace TSO, veths), a
 * sender's kernel leaves only the pseudo-header sum in the L4 checksum field and the switch
 * finishes it on output. A packet-in carries the frame as received, unfinished, and a packet-out
 * of it has no offload metadata left, so the receiver drops it as corrupt: every first SYN of a
 * connection was lost and the client's retransmission a second later got through. The set-field
 * actions of the packet-out then update a correct sum incrementally.
 *
 * <p>Works in place, allocates nothing; a frame that is not IPv4 TCP/UDP, is a fragment or is
 * truncated is left alone.
 */
final class L4Checksums {
    private static final int ETH_TYPE_IPV4 = 0x0800;
    private static final int ETH_TYPE_VLAN = 0x8100;
    private static final int TCP = 6;
    private static final int UDP = 17;

    private L4Checksums() {
    }

    /** @return whether the frame's TCP/UDP checksum was (re)computed */
    static boolean complete(byte[] frame) {
        return frame != null && complete(Unpooled.wrappedBuffer(frame), 0, frame.length);
    }

    /**
     * Completes the checksum of the frame at {@code index..index+length} of a buffer, such as the copy of a
     * packet-in's frame inside a packet-out being written; the buffer's indices are not changed.
     *
     * @return whether the frame's TCP/UDP checksum was (re)computed
     */
    static boolean complete(ByteBuf frame, int index, int length) {
        if (length < 14 + 20) {
            return false;
        }
        int ip = index + 12;
        int etherType = frame.getUnsignedShort(ip);
        if (etherType == ETH_TYPE_VLAN) {
            ip += 4;
            if (length < ip - index + 2 + 20) {
                return false;
            }
            etherType = frame.getUnsignedShort(ip);
        }
        ip += 2;
        int versionAndLength = frame.getUnsignedByte(ip);
        if (etherType != ETH_TYPE_IPV4 || (versionAndLength & 0xf0) != 0x40) {
            return false;
        }
        int headerLength = (versionAndLength & 0x0f) * 4;
        int totalLength = frame.getUnsignedShort(ip + 2);
        boolean fragment = (frame.getUnsignedShort(ip + 6) & 0x3fff) != 0; // more-fragments flag or an offset
        int protocol = frame.getUnsignedByte(ip + 9);
        int l4 = ip + headerLength;
        int l4Length = totalLength - headerLength;
        if (headerLength < 20 || fragment || ip - index + totalLength > length) {
            return false;
        }
        int checksumAt;
        if (protocol == TCP && l4Length >= 20) {
            checksumAt = l4 + 16;
        } else if (protocol == UDP && l4Length >= 8) {
            checksumAt = l4 + 6;
            if (frame.getUnsignedShort(checksumAt) == 0) {
                return false; // zero: the sender sent no UDP checksum
            }
        } else {
            return false;
        }
        frame.setShort(checksumAt, 0);
        long sum = sum(frame, ip + 12, 8) + protocol + l4Length + sum(frame, l4, l4Length);
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        int checksum = (int) ~sum & 0xffff;
        if (protocol == UDP && checksum == 0) {
            checksum = 0xffff; // RFC 768: a computed zero is sent as all ones
        }
        frame.setShort(checksumAt, checksum);
        return true;
    }

    private static long sum(ByteBuf f, int offset, int length) {
        long sum = 0;
        int end = offset + length - 1;
        int i = offset;
        for (; i < end; i += 2) {
            sum += f.getUnsignedShort(i);
        }
        if (i == end) {
            sum += f.getUnsignedByte(i) << 8; // odd length: pad with a zero byte
        }
        return sum;
    }
}
