package dev.switchboard.harness.openflow;

import io.netty.buffer.ByteBuf;

/**
 * Finds the client endpoint in an OpenFlow 1.3 PACKET_OUT without decoding it into objects: the controller sends
 * one per connection request, so at full load this runs hundreds of thousands of times a second.
 */
public final class PacketOutView {
    private static final int ACTIONS_LEN_OFFSET = 16;
    private static final int ACTIONS_OFFSET = 24;

    private PacketOutView() {
    }

    /**
     * @param buf holds the message at {@code start}
     * @param start offset of the OpenFlow header
     * @param length the message length from the header
     * @return the {@link ClientKeys key} of the packet's IPv4 source and TCP/UDP source port, or
     *         {@link ClientKeys#NONE} when the data is not such a packet
     */
    public static long clientKey(ByteBuf buf, int start, int length) {
        if (length < ACTIONS_OFFSET) {
            return ClientKeys.NONE;
        }
        int data = start + ACTIONS_OFFSET + buf.getUnsignedShort(start + ACTIONS_LEN_OFFSET);
        return Frames.clientKey(buf, data, start + length);
    }
}
