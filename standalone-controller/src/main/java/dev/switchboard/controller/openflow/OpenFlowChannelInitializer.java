package dev.switchboard.controller.openflow;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/**
 * Builds the pipeline of one switch connection. The stages are named so that tests and diagnostics can
 * find or wrap them:
 * {@value #FRAME_DECODER} → {@value #MESSAGE_DECODER} → {@value #MESSAGE_ENCODER} → {@value #IDLE} →
 * {@value #SWITCH_HANDLER}.
 */
public final class OpenFlowChannelInitializer extends ChannelInitializer<Channel> {
    /** Cuts the byte stream into OpenFlow messages by the header's length field. */
    public static final String FRAME_DECODER = "ofFrameDecoder";
    /** Parses a framed message with openflowj. */
    public static final String MESSAGE_DECODER = "ofMessageDecoder";
    /** Serializes outgoing messages. */
    public static final String MESSAGE_ENCODER = "ofMessageEncoder";
    /** Signals read silence, which triggers an echo request. */
    public static final String IDLE = "idle";
    /** Handshake, keepalive and dispatch to the listener. */
    public static final String SWITCH_HANDLER = "switch";

    private final OpenFlowSettings settings;
    private final SwitchListener listener;
    private final SwitchRegistry registry;
    private final ChannelGroup channels;

    /**
     * @param channels every accepted channel is added here, so that a shutdown can close them all;
     *        {@code null} when nothing tracks them (tests)
     */
    public OpenFlowChannelInitializer(OpenFlowSettings settings, SwitchListener listener, SwitchRegistry registry,
                                      ChannelGroup channels) {
        this.settings = settings;
        this.listener = listener;
        this.registry = registry;
        this.channels = channels;
    }

    @Override
    protected void initChannel(Channel channel) {
        if (channels != null) {
            channels.add(channel);
        }
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(FRAME_DECODER, new OpenFlowFrameDecoder());
        pipeline.addLast(MESSAGE_DECODER, new OFMessageDecoder());
        pipeline.addLast(MESSAGE_ENCODER, new OFMessageEncoder());
        pipeline.addLast(IDLE, new IdleStateHandler(settings.echoInterval().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        pipeline.addLast(SWITCH_HANDLER, new SwitchChannelHandler(settings, listener, registry));
    }
}
