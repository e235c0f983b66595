package dev.switchboard.controller.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFeaturesRequest;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One switch connection on an {@link EmbeddedChannel} with the production pipeline: tests feed it the
 * switch's bytes and read back what the controller wrote.
 */
final class EmbeddedSwitch {
    final RecordingListener listener;
    final SwitchRegistry registry;
    final EmbeddedChannel channel;
    private final SwitchChannelHandler handler;

    EmbeddedSwitch() {
        this(OpenFlowSettings.of("127.0.0.1", 0));
    }

    EmbeddedSwitch(OpenFlowSettings settings) {
        this(settings, new RecordingListener(), new SwitchRegistry());
    }

    EmbeddedSwitch(OpenFlowSettings settings, RecordingListener listener, SwitchRegistry registry) {
        this.listener = listener;
        this.registry = registry;
        this.channel = new EmbeddedChannel(new OpenFlowChannelInitializer(settings, listener, registry, null));
        // Kept here because a closed channel's pipeline no longer holds its handlers.
        this.handler = (SwitchChannelHandler) channel.pipeline().get(OpenFlowChannelInitializer.SWITCH_HANDLER);
    }

    SwitchChannelHandler handler() {
        return handler;
    }

    void send(OFMessage... messages) {
        sendBytes(SwitchMessages.bytes(messages));
    }

    void sendBytes(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.runPendingTasks();
    }

    /** @return every message the controller wrote since the last call, decoded */
    List<OFMessage> written() {
        channel.runPendingTasks();
        List<OFMessage> messages = new ArrayList<>();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            while (buf.isReadable()) {
                try {
                    messages.add(OFFactories.getGenericReader().readFrom(buf));
                } catch (OFParseError e) {
                    throw new AssertionError("controller wrote an unparsable message", e);
                }
            }
            buf.release();
        }
        return messages;
    }

    /** @return the single message the controller wrote since the last call, asserting its type */
    @SuppressWarnings("unchecked")
    <T extends OFMessage> T writtenOne(OFType type) {
        List<OFMessage> messages = written();
        assertThat(messages).extracting(OFMessage::getType).containsExactly(type);
        return (T) messages.get(0);
    }

    /** Runs the whole handshake for a switch that offers only {@code version}. */
    SwitchConnection handshake(OFVersion version, long dpid, int... ports) throws InterruptedException {
        send(SwitchMessages.hello(version));
        List<OFMessage> afterHello = written();
        assertThat(afterHello).extracting(OFMessage::getType).containsExactly(OFType.HELLO, OFType.FEATURES_REQUEST);
        OFFeaturesRequest request = (OFFeaturesRequest) afterHello.get(1);
        send(SwitchMessages.featuresReply(version, request.getXid(), dpid, ports));
        List<OFMessage> afterFeatures = written();
        if (version != OFVersion.OF_10) {
            assertThat(afterFeatures).extracting(OFMessage::getType)
                    .containsExactly(OFType.SET_CONFIG, OFType.STATS_REQUEST);
            OFPortDescStatsRequest portDesc = (OFPortDescStatsRequest) afterFeatures.get(1);
            send(SwitchMessages.portDescReply(version, portDesc.getXid(), false, ports));
        }
        RecordingListener.Event ready = listener.next();
        assertThat(ready.kind()).isEqualTo("ready");
        return ready.connection();
    }
}
