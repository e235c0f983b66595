package dev.switchboard.controller.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import org.projectfloodlight.openflow.protocol.OFBarrierReply;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFFlowStatsRequest;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.protocol.OFStatsType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One switch that completed the handshake: its datapath id, negotiated version and ports, and the way
 * to send it messages.
 *
 * <p>Writes are batched: {@link #write} queues a message without flushing and the first unflushed write
 * schedules a single flush that runs after the current event-loop task, so a burst of flow mods
 * produced while handling one read leaves in as few TCP segments as the socket allows. Every method is
 * safe to call from any thread and never blocks; calls from other threads hop onto the connection's
 * event loop in call order. Code that runs on {@link #eventLoop()} (every {@link SwitchListener}
 * callback does) writes straight into the channel.
 *
 * <p>Requests ({@link #barrier()}, {@link #multipart}) return futures completed on the event loop by the
 * reply with the same transaction id; they fail with {@link OpenFlowErrorException} when the switch
 * answers with an error and with {@link SwitchDisconnectedException} when the connection closes first.
 * They have no timeout of their own: the echo keepalive closes a connection to a dead switch, and a
 * caller that needs a shorter bound adds {@code orTimeout}.
 */
public final class SwitchConnection {
    private final Channel channel;
    private final EventLoop eventLoop;
    private final OFFactory factory;
    private final long dpid;
    private final XidAllocator xids;
    private final Consumer<String> closer;
    private volatile Map<OFPort, OFPortDesc> ports;

    private final Queue<Object> fromOtherThreads = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    private final Runnable flushTask = this::flushNow;
    private static final int PENDING_INITIAL_BYTES = 16 * 1024;

    // Confined to the event loop.
    private boolean flushScheduled;
    /** Messages appended this turn ({@link #appendBuffer}), not yet handed to the channel. */
    private ByteBuf pending;
    private boolean closed;
    private final Map<Long, CompletableFuture<OFBarrierReply>> barriers = new HashMap<>();
    private final Map<Long, MultipartCollector<?>> multiparts = new HashMap<>();

    SwitchConnection(Channel channel, OFFactory factory, long dpid, XidAllocator xids, Consumer<String> closer,
                     Collection<OFPortDesc> initialPorts) {
        this.channel = channel;
        this.eventLoop = channel.eventLoop();
        this.factory = factory;
        this.dpid = dpid;
        this.xids = xids;
        this.closer = closer;
        setPorts(initialPorts);
    }

    /** @return the datapath id */
    public long dpid() {
        return dpid;
    }

    /** @return the datapath id as openflowj's type */
    public DatapathId datapathId() {
        return DatapathId.of(dpid);
    }

    /** @return the factory of the negotiated version; build every message for this switch with it */
    public OFFactory factory() {
        return factory;
    }

    /** @return the negotiated OpenFlow version */
    public OFVersion version() {
        return factory.getVersion();
    }

    /** @return the event loop that serves this switch; confine per-switch state to it */
    public EventLoop eventLoop() {
        return eventLoop;
    }

    /** @return the switch's address */
    public SocketAddress remoteAddress() {
        return channel.remoteAddress();
    }

    /** @return whether the connection is still open */
    public boolean isConnected() {
        return channel.isActive();
    }

    /**
     * @return whether the socket's send buffer is below its high-water mark; a producer of bulk updates
     *         (such as a table resync) can hold back while this is false
     */
    public boolean isWritable() {
        return channel.isWritable();
    }

    /** @return an immutable snapshot of the ports by number, as of the latest port description or status */
    public Map<OFPort, OFPortDesc> ports() {
        return ports;
    }

    /** @return the description of a port, or {@code null} when the switch has no such port */
    public OFPortDesc port(OFPort number) {
        return ports.get(number);
    }

    /** @return a fresh transaction id for a message built by the caller; safe from any thread */
    public long nextXid() {
        return xids.next();
    }

    /**
     * Queues a message; it is flushed once per event-loop turn together with every other write of that
     * turn. Messages written after the connection closed are dropped.
     */
    public void write(OFMessage message) {
        Objects.requireNonNull(message, "message");
        if (eventLoop.inEventLoop()) {
            writeInLoop(message);
        } else {
            submit(message);
        }
    }

    /**
     * Queues a message that is already in OpenFlow wire form (one or more complete messages of the negotiated
     * version, such as those of {@code SessionFlowMods}), in order with every other write and with the same
     * batching as {@link #write(OFMessage)}; the pipeline's encoder passes buffers through untouched.
     *
     * @param encoded the bytes, from {@link #alloc()}; this call takes ownership and releases it once written,
     *        or at once when the connection has closed
     */
    public void write(ByteBuf encoded) {
        Objects.requireNonNull(encoded, "encoded");
        if (eventLoop.inEventLoop()) {
            writeInLoop(encoded);
        } else {
            submit(encoded);
        }
    }

    /**
     * The buffer of this loop turn's hot-path messages: append whole messages in wire form (such as those of
     * {@code SessionFlowMods} and {@code PacketOuts}) at its writer index. The bytes go out as one write, in order
     * with every other write: before the next message written otherwise, or at the end of the turn.
     *
     * <p>Why: a dispatcher writes several small messages per new session; one channel write per message cost
     * more in Netty's pipeline and outbound buffer than encoding them.
     *
     * @param bytes room the caller is about to append
     * @return the buffer; valid until the caller returns to the event loop; append only complete messages
     * @throws IllegalStateException off the connection's event loop
     */
    public ByteBuf appendBuffer(int bytes) {
        if (!eventLoop.inEventLoop()) {
            throw new IllegalStateException("appendBuffer is for the connection's event loop only");
        }
        if (pending == null) {
            pending = channel.alloc().ioBuffer(Math.max(bytes, PENDING_INITIAL_BYTES));
        }
        pending.ensureWritable(bytes);
        scheduleFlush();
        return pending;
    }

    private void writePending() {
        ByteBuf bytes = pending;
        if (bytes != null) {
            pending = null;
            if (bytes.isReadable() && !closed && channel.isActive()) {
                channel.write(bytes, channel.voidPromise());
            } else {
                bytes.release();
            }
        }
    }

    /**
     * @return the channel's allocator, for buffers passed to {@link #write(ByteBuf)} (pooled and of the kind the
     *         socket writes without copying)
     */
    public ByteBufAllocator alloc() {
        return channel.alloc();
    }

    /** Queues several messages in order, with the same batching as {@link #write(OFMessage)}. */
    public void write(Collection<? extends OFMessage> messages) {
        for (OFMessage message : messages) {
            write(message);
        }
    }

    /**
     * Sends a barrier request after everything written before it.
     *
     * @return completed by the matching barrier reply, that is once the switch has processed every
     *         message written before the barrier
     */
    public CompletableFuture<OFBarrierReply> barrier() {
        CompletableFuture<OFBarrierReply> reply = new CompletableFuture<>();
        long xid = xids.next();
        runInLoop(new SendRequest(factory.buildBarrierRequest().setXid(xid).build(), reply,
                () -> barriers.put(xid, reply)));
        return reply;
    }

    /**
     * Sends a multipart (statistics) request under a fresh transaction id and collects every part of the
     * reply.
     *
     * @param request the request; its transaction id is replaced
     * @return completed with the reply parts in arrival order once the last part arrives
     */
    public <R extends OFStatsReply> CompletableFuture<List<R>> multipart(OFStatsRequest<R> request) {
        CompletableFuture<List<R>> replies = new CompletableFuture<>();
        long xid = xids.next();
        OFStatsRequest<R> stamped = request.createBuilder().setXid(xid).build();
        runInLoop(new SendRequest(stamped, replies,
                () -> multiparts.put(xid, new MultipartCollector<>(stamped.getStatsType(), replies))));
        return replies;
    }

    /**
     * Reads the flow entries that match, in any table or in one.
     *
     * @param match entries to report (non-strict match); {@code factory().matchWildcardAll()} for all
     * @param table the table, or {@link TableId#ALL}
     * @return completed with the entries of every reply part
     */
    public CompletableFuture<List<OFFlowStatsEntry>> flowStats(Match match, TableId table) {
        OFFlowStatsRequest.Builder request = factory.buildFlowStatsRequest()
                .setMatch(match)
                .setTableId(table)
                .setOutPort(OFPort.ANY);
        if (version() != OFVersion.OF_10) {
            request.setOutGroup(OFGroup.ANY).setCookie(U64.ZERO).setCookieMask(U64.ZERO);
        }
        return multipart(request.build()).thenApply(SwitchConnection::entries);
    }

    /** Closes the connection; the reason is logged. Safe from any thread. */
    public void disconnect(String reason) {
        runInLoop(() -> closer.accept(reason));
    }

    @Override
    public String toString() {
        return "switch " + dpidString(dpid) + " (" + version() + ", " + channel.remoteAddress() + ")";
    }

    /** @return a datapath id the way the configuration file writes it */
    public static String dpidString(long dpid) {
        return "0x" + Long.toHexString(dpid);
    }

    // ---- event-loop side, called by SwitchChannelHandler ----

    void setPorts(Collection<OFPortDesc> descriptions) {
        Map<OFPort, OFPortDesc> next = new LinkedHashMap<>();
        for (OFPortDesc port : descriptions) {
            next.put(port.getPortNo(), port);
        }
        ports = Collections.unmodifiableMap(next);
    }

    void applyPortStatus(OFPortStatus status) {
        Map<OFPort, OFPortDesc> next = new LinkedHashMap<>(ports);
        OFPortDesc desc = status.getDesc();
        if (status.getReason() == OFPortReason.DELETE) {
            next.remove(desc.getPortNo());
        } else {
            next.put(desc.getPortNo(), desc);
        }
        ports = Collections.unmodifiableMap(next);
    }

    void barrierReplied(OFBarrierReply reply) {
        CompletableFuture<OFBarrierReply> pending = barriers.remove(reply.getXid());
        if (pending != null) {
            pending.complete(reply);
        }
    }

    /** @return whether the reply belonged to a pending request */
    boolean multipartReplied(OFStatsReply reply) {
        MultipartCollector<?> collector = multiparts.get(reply.getXid());
        if (collector == null) {
            return false;
        }
        if (collector.add(reply)) {
            multiparts.remove(reply.getXid());
        }
        return true;
    }

    void errorReceived(OFErrorMsg error) {
        CompletableFuture<OFBarrierReply> barrier = barriers.remove(error.getXid());
        if (barrier != null) {
            barrier.completeExceptionally(new OpenFlowErrorException(error));
        }
        MultipartCollector<?> collector = multiparts.remove(error.getXid());
        if (collector != null) {
            collector.future.completeExceptionally(new OpenFlowErrorException(error));
        }
    }

    void closed() {
        closed = true;
        writePending(); // releases it: the channel is gone
        SwitchDisconnectedException cause = disconnected();
        barriers.values().forEach(f -> f.completeExceptionally(cause));
        barriers.clear();
        multiparts.values().forEach(c -> c.future.completeExceptionally(cause));
        multiparts.clear();
        // Work queued by other threads after the close still has futures to fail.
        drain();
    }

    private SwitchDisconnectedException disconnected() {
        return new SwitchDisconnectedException(this + " disconnected");
    }

    /** @param message an {@link OFMessage} or a {@link ByteBuf} of encoded messages */
    private void writeInLoop(Object message) {
        writePending();
        if (closed || !channel.isActive()) {
            ReferenceCountUtil.release(message); // a ByteBuf is ours to free; an OFMessage is not reference counted
            return;
        }
        channel.write(message, channel.voidPromise());
        scheduleFlush();
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            eventLoop.execute(flushTask);
        }
    }

    private void flushNow() {
        flushScheduled = false;
        writePending();
        channel.flush();
    }

    private void runInLoop(Runnable task) {
        if (eventLoop.inEventLoop()) {
            task.run();
        } else {
            submit(task);
        }
    }

    /**
     * One queue for every kind of cross-thread work keeps the caller's order (a write followed by a
     * barrier stays in that order) and costs one event-loop task per burst instead of one per message.
     */
    private void submit(Object work) {
        fromOtherThreads.add(work);
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                eventLoop.execute(drainTask);
            } catch (RejectedExecutionException e) {
                // The event loop is gone (server shutdown): nothing will be sent, so fail what waits for replies.
                Object abandoned;
                while ((abandoned = fromOtherThreads.poll()) != null) {
                    if (abandoned instanceof SendRequest request) {
                        request.abort();
                    } else {
                        ReferenceCountUtil.release(abandoned);
                    }
                }
                drainScheduled.set(false);
            }
        }
    }

    private void drain() {
        while (true) {
            Object work;
            while ((work = fromOtherThreads.poll()) != null) {
                if (work instanceof OFMessage || work instanceof ByteBuf) {
                    writeInLoop(work);
                } else {
                    ((Runnable) work).run();
                }
            }
            drainScheduled.set(false);
            if (fromOtherThreads.isEmpty() || !drainScheduled.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private static List<OFFlowStatsEntry> entries(List<OFFlowStatsReply> replies) {
        List<OFFlowStatsEntry> entries = new ArrayList<>();
        for (OFFlowStatsReply reply : replies) {
            entries.addAll(reply.getEntries());
        }
        return entries;
    }

    /** Registers a request's future under its xid and sends it, unless the connection already closed. */
    private final class SendRequest implements Runnable {
        private final OFMessage request;
        private final CompletableFuture<?> future;
        private final Runnable register;

        SendRequest(OFMessage request, CompletableFuture<?> future, Runnable register) {
            this.request = request;
            this.future = future;
            this.register = register;
        }

        @Override
        public void run() {
            if (closed) {
                abort();
                return;
            }
            register.run();
            writeInLoop(request);
        }

        void abort() {
            future.completeExceptionally(disconnected());
        }
    }

    /** Gathers the parts of one multipart reply. */
    private static final class MultipartCollector<R extends OFStatsReply> {
        private final OFStatsType type;
        private final CompletableFuture<List<R>> future;
        private final List<R> parts = new ArrayList<>(1);

        MultipartCollector(OFStatsType type, CompletableFuture<List<R>> future) {
            this.type = type;
            this.future = future;
        }

        /** @return whether this was the last part */
        @SuppressWarnings("unchecked")
        boolean add(OFStatsReply part) {
            if (part.getStatsType() != type) {
                future.completeExceptionally(new IllegalStateException(
                        "switch answered a " + type + " request with " + part.getStatsType()));
                return true;
            }
            parts.add((R) part);
            if (part.getFlags().contains(OFStatsReplyFlags.REPLY_MORE)) {
                return false;
            }
            future.complete(List.copyOf(parts));
            return true;
        }
    }
}
