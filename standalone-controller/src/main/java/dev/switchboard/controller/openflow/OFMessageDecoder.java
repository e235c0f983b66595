package dev.switchboard.controller.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;

/**
 * Turns one framed OpenFlow message into what the switch handler reads: a packet-in becomes this connection's
 * reused {@link PacketIn} view over the frame (valid until the handler returns, when the frame is released);
 * every other message is parsed with openflowj's version-dispatching reader. A frame that cannot be read
 * completely is a protocol violation by the switch and fails the channel.
 */
final class OFMessageDecoder extends ChannelInboundHandlerAdapter {
    private static final OFMessageReader<OFMessage> READER = OFFactories.getGenericReader();

    private final PacketIn packetIn = new PacketIn();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (PacketIn.isReadable(frame)) {
                packetIn.read(frame);
                ctx.fireChannelRead(packetIn);
            } else {
                ctx.fireChannelRead(decode(frame));
            }
        } finally {
            frame.release();
        }
    }

    private static OFMessage decode(ByteBuf frame) {
        int start = frame.readerIndex();
        int length = frame.readableBytes();
        OFMessage message;
        try {
            message = READER.readFrom(frame);
        } catch (Exception e) {
            // openflowj reports bad input as OFParseError, IllegalArgumentException or index errors alike.
            throw new CorruptedFrameException("malformed OpenFlow message (" + header(frame, start, length) + "): "
                    + e.getMessage(), e);
        }
        if (message == null) {
            throw new CorruptedFrameException("truncated OpenFlow message (" + header(frame, start, length) + ")");
        }
        return message;
    }

    private static String header(ByteBuf frame, int start, int length) {
        if (length < OpenFlowFrameDecoder.HEADER_LENGTH) {
            return length + " bytes";
        }
        return "version " + frame.getUnsignedByte(start) + ", type " + frame.getUnsignedByte(start + 1)
                + ", length " + length;
    }
}
