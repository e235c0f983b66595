package dev.switchboard.rules.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes messages to Netty buffers and reads them back, as the switch and the controller would. */
final class Wire {
    private Wire() {
    }

    /**
     * @return the message as read back by its version's reader, after checking that the generic reader reads
     *     the same and that the whole buffer was consumed
     */
    static <T extends OFMessage> T roundTrip(T message) {
        ByteBuf buf = Unpooled.buffer();
        ByteBuf again = Unpooled.buffer();
        try {
            message.writeTo(buf);
            message.writeTo(again);
            OFMessage back = OFFactories.getFactory(message.getVersion()).getReader().readFrom(buf);
            assertThat(buf.readableBytes()).as("bytes left after reading " + back).isZero();
            assertThat(OFFactories.getGenericReader().readFrom(again)).isEqualTo(back);
            assertThat(back).isEqualTo(message);
            @SuppressWarnings("unchecked")
            T typed = (T) back;
            return typed;
        } catch (OFParseError e) {
            throw new AssertionError("cannot read back " + message, e);
        } finally {
            buf.release();
            again.release();
        }
    }

    /** @return the message's wire form as lower-case hex */
    static String hex(OFMessage message) {
        ByteBuf buf = Unpooled.buffer();
        try {
            message.writeTo(buf);
            return ByteBufUtil.hexDump(buf);
        } finally {
            buf.release();
        }
    }
}
