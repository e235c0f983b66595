package dev.switchboard.controller.openflow;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.projectfloodlight.openflow.protocol.OFBarrierReply;
import org.projectfloodlight.openflow.protocol.OFConfigFlags;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFHelloFailedCode;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFStatsType;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFErrorCauseData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The last stage of a switch's pipeline: runs the handshake as a state machine, keeps the connection
 * alive with echoes and, once READY, hands the switch's messages to the {@link SwitchListener}.
 *
 * <p>Anything the switch does wrong (a message before HELLO, a second HELLO, a controller-to-switch
 * message, a version other than the negotiated one, bytes that are not OpenFlow, no HELLO or no
 * FEATURES_REPLY in time, no echo reply) closes this switch's channel with the reason logged at WARN.
 * Nothing here is shared with other channels, so one misbehaving switch never affects another.
 *
 * <p>All fields are confined to the channel's event loop.
 */
public final class SwitchChannelHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(SwitchChannelHandler.class);

    /** Messages only a controller sends; a switch that sends one is not speaking OpenFlow to us. */
    private static final Set<OFType> CONTROLLER_TO_SWITCH = EnumSet.of(OFType.FEATURES_REQUEST,
            OFType.GET_CONFIG_REQUEST, OFType.SET_CONFIG, OFType.PACKET_OUT, OFType.FLOW_MOD, OFType.PORT_MOD,
            OFType.GROUP_MOD, OFType.TABLE_MOD, OFType.METER_MOD, OFType.STATS_REQUEST, OFType.BARRIER_REQUEST,
            OFType.QUEUE_GET_CONFIG_REQUEST, OFType.ROLE_REQUEST, OFType.GET_ASYNC_REQUEST, OFType.SET_ASYNC);

    /** OFPCML_NO_BUFFER: table-miss packet-ins carry the whole packet, so no buffer ids to track. */
    private static final int MISS_SEND_LEN_NO_BUFFER = 0xffff;

    /** The handshake, one state per awaited message. */
    public enum State {
        /**
         * Connected; waiting for the switch's HELLO. On HELLO the version is chosen
         * ({@link VersionNegotiation}) and the controller answers with its HELLO and a FEATURES_REQUEST.
         * Next: {@link #WAIT_FEATURES_REPLY}, or the channel closes when no version is common.
         */
        WAIT_HELLO {
            @Override
            void process(SwitchChannelHandler h, OFMessage m) {
                if (m.getType() == OFType.HELLO) {
                    h.helloReceived((OFHello) m);
                } else {
                    h.illegal(m, "the first message must be HELLO");
                }
            }
        },
        /**
         * Waiting for FEATURES_REPLY, which gives the datapath id (and, in 1.0, the ports). The controller
         * then sets miss_send_len to "no buffer" and, from 1.3 on, asks for the port descriptions.
         * Next: {@link #WAIT_PORT_DESC} from 1.3 on, {@link #READY} for 1.0.
         */
        WAIT_FEATURES_REPLY {
            @Override
            void process(SwitchChannelHandler h, OFMessage m) {
                switch (m.getType()) {
                    case FEATURES_REPLY -> h.featuresReceived((OFFeaturesReply) m);
                    case ERROR -> h.handshakeError((OFErrorMsg) m);
                    case HELLO, STATS_REPLY -> h.illegal(m, "expected FEATURES_REPLY");
                    // Port changes before the port snapshot requested next are superseded by it.
                    default -> h.ignoredDuringHandshake(m);
                }
            }
        },
        /**
         * Waiting for every part of the port description reply (1.3 and later). Port status messages
         * that arrive meanwhile are applied after the snapshot. Next: {@link #READY} after the last part.
         */
        WAIT_PORT_DESC {
            @Override
            void process(SwitchChannelHandler h, OFMessage m) {
                switch (m.getType()) {
                    case STATS_REPLY -> h.portDescReceived((OFStatsReply) m);
                    case PORT_STATUS -> h.pendingPortStatus.add((OFPortStatus) m);
                    case ERROR -> h.handshakeError((OFErrorMsg) m);
                    case HELLO, FEATURES_REPLY -> h.illegal(m, "expected the port description reply");
                    default -> h.ignoredDuringHandshake(m);
                }
            }
        },
        /**
         * The switch is registered and its messages go to the listener. Next: {@link #DISCONNECTED}
         * when the channel closes.
         */
        READY {
            @Override
            void process(SwitchChannelHandler h, OFMessage m) {
                h.dispatch(m);
            }
        },
        /** The channel closed; nothing is processed any more. Terminal. */
        DISCONNECTED {
            @Override
            void process(SwitchChannelHandler h, OFMessage m) {
                // Late messages of a closed channel have no one to go to.
            }
        };

        abstract void process(SwitchChannelHandler h, OFMessage m);
    }

    private final OpenFlowSettings settings;
    private final SwitchListener listener;
    private final SwitchRegistry registry;
    private final XidAllocator xids = new XidAllocator();
    private final List<OFPortDesc> portDescParts = new ArrayList<>();
    private final List<OFPortStatus> pendingPortStatus = new ArrayList<>();

    private ChannelHandlerContext ctx;
    private State state = State.WAIT_HELLO;
    private OFFactory factory;
    private SwitchConnection connection;
    private long portDescXid;
    private ScheduledFuture<?> handshakeTimer;
    private boolean echoOutstanding;
    private String closeReason;

    /**
     * @param settings timeouts and versions
     * @param listener receives the events once the switch is READY
     * @param registry where the switch is registered while READY
     */
    public SwitchChannelHandler(OpenFlowSettings settings, SwitchListener listener, SwitchRegistry registry) {
        this.settings = settings;
        this.listener = listener;
        this.registry = registry;
    }

    /** @return the current handshake state (event loop only; for tests and diagnostics) */
    public State state() {
        return state;
    }

    /** @return the connection, or {@code null} before FEATURES_REPLY */
    public SwitchConnection connection() {
        return connection;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        log.debug("switch at {} connected", context.channel().remoteAddress());
        handshakeTimer = context.executor().schedule(this::handshakeTimedOut,
                settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        context.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (msg instanceof PacketIn packetIn) {
            packetIn(packetIn);
            return;
        }
        if (!(msg instanceof OFMessage m)) {
            ReferenceCountUtil.release(msg);
            disconnect("internal error: pipeline delivered " + msg.getClass().getName());
            return;
        }
        echoOutstanding = false;
        if (closeReason != null || state == State.DISCONNECTED) {
            return;
        }
        if (state != State.WAIT_HELLO) {
            if (m.getVersion() != factory.getVersion()) {
                illegal(m, "sent in " + m.getVersion() + " on a " + factory.getVersion() + " connection");
                return;
            }
            if (m.getType() == OFType.ECHO_REQUEST) {
                echoReply((OFEchoRequest) m);
                return;
            }
            if (m.getType() == OFType.ECHO_REPLY) {
                return;
            }
            if (CONTROLLER_TO_SWITCH.contains(m.getType())) {
                illegal(m, "only a controller sends it");
                return;
            }
        }
        state.process(this, m);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (!(event instanceof IdleStateEvent idle) || idle.state() != IdleState.READER_IDLE) {
            context.fireUserEventTriggered(event);
            return;
        }
        if (state == State.WAIT_HELLO || state == State.DISCONNECTED || closeReason != null) {
            return; // Before HELLO there is no version to ask in; the handshake timer covers that phase.
        }
        if (echoOutstanding) {
            disconnect("no reply to an echo request within " + settings.echoInterval().toMillis() + " ms");
            return;
        }
        echoOutstanding = true;
        context.writeAndFlush(factory.buildEchoRequest().setXid(xids.next()).setData(new byte[0]).build());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (closeReason != null || state == State.DISCONNECTED) {
            log.debug("{}: error after close: {}", who(), cause.toString());
            return;
        }
        if (cause instanceof DecoderException) {
            disconnect("malformed data: " + cause.getMessage());
        } else if (cause instanceof IOException) {
            disconnect("connection error: " + cause.getMessage());
        } else {
            log.error("{}: unexpected error", who(), cause);
            disconnect("internal error: " + cause);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        State was = state;
        state = State.DISCONNECTED;
        cancelHandshakeTimer();
        String reason = closeReason != null ? closeReason : "connection closed";
        if (connection != null) {
            connection.closed();
        }
        if (was == State.READY) {
            registry.unregister(connection);
            log.info("{} disconnected: {}", connection, reason);
            try {
                listener.switchDisconnected(connection);
            } catch (RuntimeException e) {
                listenerFailed("switchDisconnected", e);
            }
        } else {
            log.info("{} disconnected during handshake ({}): {}", who(), was, reason);
        }
        context.fireChannelInactive();
    }

    // ---- handshake ----

    private void helloReceived(OFHello hello) {
        Optional<OFVersion> chosen = VersionNegotiation.choose(hello, settings.preferredVersion(),
                settings.acceptedVersions());
        if (chosen.isEmpty()) {
            refuse(hello);
            return;
        }
        factory = OFFactories.getFactory(chosen.get());
        ctx.write(VersionNegotiation.helloFor(chosen.get(), xids.next()));
        ctx.writeAndFlush(factory.buildFeaturesRequest().setXid(xids.next()).build());
        state = State.WAIT_FEATURES_REPLY;
        log.debug("switch at {} speaks {}", ctx.channel().remoteAddress(), chosen.get());
    }

    private void refuse(OFHello hello) {
        String reason = "no common OpenFlow version: switch offers " + VersionNegotiation.offered(hello)
                + ", controller accepts " + settings.acceptedVersions();
        OFFactory theirs = OFFactories.getFactory(hello.getVersion());
        OFErrorMsg error = theirs.errorMsgs().buildHelloFailedErrorMsg()
                .setXid(hello.getXid())
                .setCode(OFHelloFailedCode.INCOMPATIBLE)
                .setData(OFErrorCauseData.of(reason.getBytes(StandardCharsets.US_ASCII), hello.getVersion()))
                .build();
        closeReason = reason;
        log.warn("{}: disconnecting: {}", who(), reason);
        ctx.writeAndFlush(error).addListener(ChannelFutureListener.CLOSE);
    }

    private void featuresReceived(OFFeaturesReply features) {
        List<OFPortDesc> ports = factory.getVersion() == OFVersion.OF_10 ? features.getPorts() : List.of();
        connection = new SwitchConnection(ctx.channel(), factory, features.getDatapathId().getLong(), xids,
                this::disconnect, ports);
        ctx.write(factory.buildSetConfig()
                .setXid(xids.next())
                .setFlags(EnumSet.noneOf(OFConfigFlags.class))
                .setMissSendLen(MISS_SEND_LEN_NO_BUFFER)
                .build());
        if (factory.getVersion() == OFVersion.OF_10) {
            ctx.flush();
            becomeReady();
            return;
        }
        portDescXid = xids.next();
        ctx.writeAndFlush(factory.buildPortDescStatsRequest().setXid(portDescXid).build());
        state = State.WAIT_PORT_DESC;
    }

    private void portDescReceived(OFStatsReply reply) {
        if (reply.getStatsType() != OFStatsType.PORT_DESC || reply.getXid() != portDescXid) {
            illegal(reply, "expected the " + OFStatsType.PORT_DESC + " reply with xid " + portDescXid);
            return;
        }
        portDescParts.addAll(((OFPortDescStatsReply) reply).getEntries());
        if (reply.getFlags().contains(OFStatsReplyFlags.REPLY_MORE)) {
            return;
        }
        connection.setPorts(portDescParts);
        portDescParts.clear();
        for (OFPortStatus status : pendingPortStatus) {
            connection.applyPortStatus(status);
        }
        pendingPortStatus.clear();
        becomeReady();
    }

    private void becomeReady() {
        cancelHandshakeTimer();
        state = State.READY;
        SwitchConnection replaced = registry.register(connection);
        log.info("{} ready with {} ports", connection, connection.ports().size());
        if (replaced != null && replaced != connection) {
            replaced.disconnect("replaced by a newer connection of the same datapath from "
                    + connection.remoteAddress());
        }
        try {
            listener.switchReady(connection);
        } catch (RuntimeException e) {
            listenerFailed("switchReady", e);
        }
    }

    private void handshakeTimedOut() {
        if (state != State.READY && state != State.DISCONNECTED) {
            disconnect("handshake not complete after " + settings.handshakeTimeout().toMillis() + " ms (still "
                    + state + ")");
        }
    }

    private void cancelHandshakeTimer() {
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
            handshakeTimer = null;
        }
    }

    private void handshakeError(OFErrorMsg error) {
        disconnect("switch reported an error during the handshake: " + error);
    }

    private void ignoredDuringHandshake(OFMessage m) {
        log.debug("{}: ignoring {} during handshake ({})", who(), m.getType(), state);
    }

    // ---- READY ----

    /** The hot path: a packet-in read in place; anything unusual goes the decoded way. */
    private void packetIn(PacketIn packetIn) {
        if (state != State.READY || packetIn.version() != factory.getVersion()) {
            channelRead(ctx, packetIn.decode());
            return;
        }
        echoOutstanding = false;
        if (closeReason != null) {
            return;
        }
        try {
            listener.packetIn(connection, packetIn);
        } catch (RuntimeException e) {
            listenerFailed("packetIn", e);
        }
    }

    private void dispatch(OFMessage m) {
        switch (m.getType()) {
            case PACKET_IN -> log.debug("{}: ignoring a packet-in decoded in a version not read in place", connection);
            case FLOW_REMOVED -> {
                try {
                    listener.flowRemoved(connection, (OFFlowRemoved) m);
                } catch (RuntimeException e) {
                    listenerFailed("flowRemoved", e);
                }
            }
            case PORT_STATUS -> {
                connection.applyPortStatus((OFPortStatus) m);
                try {
                    listener.portStatus(connection, (OFPortStatus) m);
                } catch (RuntimeException e) {
                    listenerFailed("portStatus", e);
                }
            }
            case ERROR -> {
                log.debug("{}: error {}", connection, m);
                connection.errorReceived((OFErrorMsg) m);
                try {
                    listener.error(connection, (OFErrorMsg) m);
                } catch (RuntimeException e) {
                    listenerFailed("error", e);
                }
            }
            case BARRIER_REPLY -> connection.barrierReplied((OFBarrierReply) m);
            case STATS_REPLY -> {
                if (!connection.multipartReplied((OFStatsReply) m)) {
                    log.debug("{}: unsolicited {} reply xid {}", connection, ((OFStatsReply) m).getStatsType(),
                            m.getXid());
                }
            }
            case HELLO -> illegal(m, "HELLO after the handshake");
            default -> log.debug("{}: ignoring {}", connection, m.getType());
        }
    }

    private void echoReply(OFEchoRequest request) {
        OFMessage reply = factory.buildEchoReply().setXid(request.getXid()).setData(request.getData()).build();
        if (connection != null) {
            connection.write(reply);
        } else {
            ctx.writeAndFlush(reply);
        }
    }

    // ---- closing ----

    private void illegal(OFMessage m, String why) {
        disconnect("illegal " + m.getVersion() + " " + m.getType() + " (xid " + m.getXid() + ") in state " + state
                + ": " + why);
    }

    /** Closes the channel once, logging why. Event loop only; other threads use SwitchConnection. */
    void disconnect(String reason) {
        if (closeReason != null || state == State.DISCONNECTED) {
            return;
        }
        closeReason = reason;
        log.warn("{}: disconnecting: {}", who(), reason);
        ctx.close();
    }

    private void listenerFailed(String event, RuntimeException e) {
        log.error("{}: listener failed in {}", connection, event, e);
    }

    private String who() {
        return connection != null ? connection.toString() : "switch at " + ctx.channel().remoteAddress();
    }
}
