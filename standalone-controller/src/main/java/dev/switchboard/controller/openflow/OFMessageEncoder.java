package dev.switchboard.controller.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.projectfloodlight.openflow.protocol.OFMessage;

/** Serializes OpenFlow messages with openflowj; flushing is left to the writer so writes can batch. */
final class OFMessageEncoder extends MessageToByteEncoder<OFMessage> {
    OFMessageEncoder() {
        super(OFMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, OFMessage message, ByteBuf out) {
        message.writeTo(out);
    }
}
