package dev.switchboard.harness.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFHelloElem;
import org.projectfloodlight.openflow.protocol.OFHelloElemVersionbitmap;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFSetConfig;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.protocol.OFStatsType;
import org.projectfloodlight.openflow.types.U32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One emulated OpenFlow 1.3 switch: the last handler of its connection to the controller.
 *
 * <p>It sends HELLO on connect, answers FEATURES_REQUEST with its datapath id and the PORT_DESC request with its
 * ports (after which the handshake counts as complete), answers echo, barrier, configuration, role and
 * multipart requests like a switch with empty tables, and takes FLOW_MOD, GROUP_MOD and PACKET_OUT silently.
 *
 * <p>The hot messages (PACKET_OUT, FLOW_MOD, GROUP_MOD) are framed and read in place from the receive buffer
 * and reported to the {@link DispatcherEvents} of a dispatcher; everything else is decoded by openflowj. Replies
 * are written without flushing and flushed once per read. All state is confined to the channel's event loop.
 */
public final class EmulatedSwitch extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(EmulatedSwitch.class);
    private static final OFMessageReader<OFMessage> READER = OFFactories.getGenericReader();
    private static final int MAX_MESSAGE_LENGTH = 0xffff;

    private final SwitchSpec spec;
    private final SwitchReplies replies;
    private final DispatcherEvents events;
    private final SwitchCounters counters = new SwitchCounters();
    private final FlowModView flowMod = new FlowModView();
    private final CompletableFuture<EmulatedSwitch> handshake = new CompletableFuture<>();

    private Channel channel;
    private long readNanos;
    private boolean replyPending;
    private boolean helloReceived;
    private int missSendLen = 0xffff;
    private long lastControllerRequestNanos;
    private boolean errorLogged;
    private boolean failed;

    /**
     * @param spec the switch to emulate
     * @param events where a dispatcher reports packet-outs and session rules; {@code null} for the router and
     *               the SAN switch, whose messages are only counted
     */
    public EmulatedSwitch(SwitchSpec spec, DispatcherEvents events) {
        this.spec = spec;
        this.replies = new SwitchReplies(spec);
        this.events = events;
    }

    /** @return the switch this handler emulates */
    public SwitchSpec spec() {
        return spec;
    }

    /** @return completes when the controller has the switch's features and ports; fails if the connection ends */
    public CompletableFuture<EmulatedSwitch> handshake() {
        return handshake;
    }

    /** @return the connection, once active */
    public Channel channel() {
        return channel;
    }

    /** @return the counters (read on the event loop) */
    public SwitchCounters counters() {
        return counters;
    }

    /**
     * @return {@link System#nanoTime()} of the last message from the controller other than an echo, packet-out
     *         or session rule: while the controller is still programming the switch after the handshake, this
     *         keeps moving (event loop only)
     */
    public long lastControllerRequestNanos() {
        return lastControllerRequestNanos;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        lastControllerRequestNanos = System.nanoTime();
        ctx.writeAndFlush(replies.hello(0));
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        handshake.completeExceptionally(new IllegalStateException(spec + ": connection to the controller closed"
                + (handshake.isDone() ? "" : " during the handshake")));
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        // Every message of this read arrived at the same moment; one clock read serves them all.
        readNanos = System.nanoTime();
        super.channelRead(ctx, msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= Wire.HEADER_LENGTH) {
            int start = in.readerIndex();
            int length = in.getUnsignedShort(start + 2);
            if (length < Wire.HEADER_LENGTH || length > MAX_MESSAGE_LENGTH) {
                throw new CorruptedFrameException(spec + ": message length " + length + " from the controller");
            }
            if (in.readableBytes() < length) {
                return;
            }
            // Consumed before handling: a message that fails the connection is not decoded again on close.
            in.readerIndex(start + length);
            handle(ctx, in, start, length);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (replyPending) {
            replyPending = false;
            ctx.flush();
        }
        if (events != null) {
            events.readComplete();
        }
        super.channelReadComplete(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failed = true;
        log.warn("{}: closing the connection: {}", spec, cause.toString());
        handshake.completeExceptionally(cause);
        ctx.close();
    }

    private void handle(ChannelHandlerContext ctx, ByteBuf in, int start, int length) {
        int version = in.getUnsignedByte(start);
        int type = in.getUnsignedByte(start + 1);
        if (version == Wire.OF13) {
            switch (type) {
                case Wire.TYPE_PACKET_OUT -> {
                    packetOut(in, start, length);
                    return;
                }
                case Wire.TYPE_FLOW_MOD -> {
                    flowMod(in, start, length);
                    return;
                }
                case Wire.TYPE_GROUP_MOD -> {
                    counters.groupMod++;
                    lastControllerRequestNanos = readNanos;
                    return;
                }
                default -> {
                    // decoded below
                }
            }
        } else if (type != Wire.TYPE_HELLO) {
            throw new CorruptedFrameException(spec + ": controller sent OpenFlow wire version " + version
                    + " (type " + type + "); the emulated switches speak 1.3 (wire version 4) only");
        }
        OFMessage message;
        try {
            message = READER.readFrom(in.slice(start, length));
        } catch (OFParseError | RuntimeException e) {
            throw new CorruptedFrameException(spec + ": unparsable message of type " + type + " from the controller: "
                    + e.getMessage(), e);
        }
        if (message == null) {
            throw new CorruptedFrameException(spec + ": truncated message of type " + type);
        }
        control(ctx, message);
    }

    private void packetOut(ByteBuf in, int start, int length) {
        counters.packetOut++;
        long key = PacketOutView.clientKey(in, start, length);
        if (key == ClientKeys.NONE) {
            counters.packetOutWithoutClient++;
        } else if (events != null) {
            events.packetOut(spec.index(), key, readNanos);
        }
    }

    private void flowMod(ByteBuf in, int start, int length) {
        if (!flowMod.read(in, start, length)) {
            counters.other++;
            lastControllerRequestNanos = readNanos;
            return;
        }
        switch (flowMod.command()) {
            case Wire.FLOW_MOD_ADD -> counters.flowModAdd++;
            case Wire.FLOW_MOD_MODIFY, Wire.FLOW_MOD_MODIFY_STRICT -> counters.flowModModify++;
            default -> counters.flowModDelete++;
        }
        if (flowMod.isSessionRule()) {
            counters.sessionRules++;
            if (events != null) {
                events.sessionRule(spec.index(), flowMod.clientKey(), readNanos);
            }
        } else {
            lastControllerRequestNanos = readNanos;
        }
    }

    private void control(ChannelHandlerContext ctx, OFMessage m) {
        switch (m.getType()) {
            case ECHO_REQUEST -> {
                counters.echo++;
                OFEchoRequest echo = (OFEchoRequest) m;
                reply(ctx, replies.factory().buildEchoReply().setXid(echo.getXid()).setData(echo.getData()).build());
                return;
            }
            case ECHO_REPLY -> {
                return;
            }
            default -> lastControllerRequestNanos = readNanos;
        }
        switch (m.getType()) {
            case HELLO -> hello((OFHello) m);
            case FEATURES_REQUEST -> reply(ctx, replies.featuresReply(m.getXid()));
            case SET_CONFIG -> missSendLen = ((OFSetConfig) m).getMissSendLen();
            case GET_CONFIG_REQUEST -> reply(ctx, replies.getConfigReply(m.getXid(), missSendLen));
            case BARRIER_REQUEST -> {
                counters.barrier++;
                reply(ctx, replies.factory().buildBarrierReply().setXid(m.getXid()).build());
            }
            case STATS_REQUEST -> {
                counters.multipart++;
                OFStatsRequest<?> request = (OFStatsRequest<?>) m;
                reply(ctx, replies.statsReply(request));
                if (request.getStatsType() == OFStatsType.PORT_DESC) {
                    handshake.complete(this);
                }
            }
            case ROLE_REQUEST -> reply(ctx, replies.roleReply((OFRoleRequest) m));
            case GET_ASYNC_REQUEST -> reply(ctx, replies.factory().buildAsyncGetReply().setXid(m.getXid()).build());
            case ERROR -> {
                counters.error++;
                if (!errorLogged) {
                    errorLogged = true; // once per switch: an error storm must not turn into a log storm
                    log.warn("{}: controller sent an error (further errors only counted): {}", spec, (OFErrorMsg) m);
                }
            }
            default -> counters.other++;
        }
    }

    private void hello(OFHello hello) {
        if (helloReceived) {
            throw new CorruptedFrameException(spec + ": second HELLO from the controller");
        }
        helloReceived = true;
        if (!offers13(hello)) {
            throw new CorruptedFrameException(spec + ": controller's HELLO (" + hello.getVersion()
                    + ") does not offer OpenFlow 1.3, the only version the emulated switches speak");
        }
    }

    private static boolean offers13(OFHello hello) {
        int wire = SwitchReplies.VERSION.getWireVersion();
        if (hello.getVersion().getWireVersion() < wire) {
            return false; // a HELLO's header carries the highest version its sender speaks
        }
        for (OFHelloElem element : hello.getElements()) {
            if (element instanceof OFHelloElemVersionbitmap bitmap) {
                List<U32> words = bitmap.getBitmaps();
                return !words.isEmpty() && (words.get(0).getValue() & (1L << wire)) != 0;
            }
        }
        // No bitmap: the controller speaks every version up to its header's (OpenFlow 1.3.1, 6.3.1).
        return true;
    }

    private void reply(ChannelHandlerContext ctx, OFMessage reply) {
        ctx.write(reply);
        replyPending = true;
    }
}
