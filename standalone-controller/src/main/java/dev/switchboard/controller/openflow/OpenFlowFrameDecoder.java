package dev.switchboard.controller.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Cuts the TCP stream into whole OpenFlow messages using the 16-bit length at offset 2 of the header.
 *
 * <p>Before trusting a length it checks the version byte and that the length covers at least the
 * header: a peer that sends garbage (an HTTP request, a TLS hello) is rejected at its first bytes
 * instead of being waited on for a bogus 20 kB frame until the handshake times out.
 */
final class OpenFlowFrameDecoder extends LengthFieldBasedFrameDecoder {
    /** Every OpenFlow message starts with an 8-byte header: version, type, length, xid. */
    static final int HEADER_LENGTH = 8;
    private static final int MAX_MESSAGE_LENGTH = 0xffff;
    private static final int LOWEST_WIRE_VERSION = 1;
    private static final int HIGHEST_WIRE_VERSION = 6;

    OpenFlowFrameDecoder() {
        super(MAX_MESSAGE_LENGTH, 2, 2, -4, 0);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        int start = in.readerIndex();
        if (in.readableBytes() >= 1) {
            int version = in.getUnsignedByte(start);
            if (version < LOWEST_WIRE_VERSION || version > HIGHEST_WIRE_VERSION) {
                throw new CorruptedFrameException(String.format("not OpenFlow: version byte 0x%02x", version));
            }
        }
        if (in.readableBytes() >= 4) {
            int length = in.getUnsignedShort(start + 2);
            if (length < HEADER_LENGTH) {
                throw new CorruptedFrameException(
                        "not OpenFlow: message length " + length + " is shorter than the header");
            }
        }
        return super.decode(ctx, in);
    }
}
