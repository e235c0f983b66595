package dev.switchboard.controller.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.MessageToMessageDecoder;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;

import java.util.List;

/**
 * Parses one framed OpenFlow message with openflowj's version-dispatching reader. A frame openflowj
 * cannot parse completely is a protocol violation by the switch and fails the channel.
 */
final class OFMessageDecoder extends MessageToMessageDecoder<ByteBuf> {
    private static final OFMessageReader<OFMessage> READER = OFFactories.getGenericReader();

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
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
        out.add(message);
    }

    private static String header(ByteBuf frame, int start, int length) {
        if (length < OpenFlowFrameDecoder.HEADER_LENGTH) {
            return length + " bytes";
        }
        return "version " + frame.getUnsignedByte(start) + ", type " + frame.getUnsignedByte(start + 1)
                + ", length " + length;
    }
}
