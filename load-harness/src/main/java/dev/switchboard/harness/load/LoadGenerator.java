package dev.switchboard.harness.load;

import dev.switchboard.harness.openflow.PacketInTemplate;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends the connection requests: one packet-in per session, spread round-robin over the k dispatcher
 * connections (as the router's flow hash spreads clients over the trunk links).
 *
 * <ul>
 *   <li>Open loop: a tick every batch interval sends what the fixed rate owes since the start, so a late tick
 *       catches up and the average rate holds. A connection whose write buffer is full (the controller stopped
 *       reading) skips its turn; skipped requests are counted, never queued without bound.</li>
 *   <li>Closed loop: keeps {@code outstanding} sessions in flight; every session that completes or times out is
 *       replaced at the end of the read that ended it.</li>
 * </ul>
 *
 * <p>Requests are appended to one buffer per connection and each buffer is written and flushed once per tick or
 * read. Runs entirely on the switches' event loop.
 */
final class LoadGenerator implements SessionListener {
    private final EventLoop loop;
    private final List<Channel> channels;
    private final List<PacketInTemplate> templates;
    private final SessionTracker tracker;
    private final LoadPlan plan;
    private final ByteBuf[] batches;
    private final CompletableFuture<Long> finished = new CompletableFuture<>();

    private ScheduledFuture<?> ticker;
    private long startNanos;
    private long stopNanos;
    private long offered;
    private long skipped;
    private long roundRobin;
    private long owed;
    private boolean sending;

    /**
     * @param loop the switches' event loop
     * @param channels the dispatcher connections by index
     * @param templates the packet-in of each dispatcher (its trunk port as in_port)
     * @param tracker accounts the sessions
     * @param plan rate or outstanding, phases and limits
     */
    LoadGenerator(EventLoop loop, List<Channel> channels, List<PacketInTemplate> templates, SessionTracker tracker,
                  LoadPlan plan) {
        if (channels.size() != templates.size() || channels.size() != tracker.dispatchers()) {
            throw new IllegalArgumentException(channels.size() + " channels, " + templates.size() + " templates, "
                    + tracker.dispatchers() + " dispatchers: must be equal");
        }
        this.loop = loop;
        this.channels = List.copyOf(channels);
        this.templates = List.copyOf(templates);
        this.tracker = tracker;
        this.plan = plan;
        this.batches = new ByteBuf[channels.size()];
        tracker.listener(this);
    }

    /**
     * Starts sending (from any thread).
     *
     * @return completes with the {@link System#nanoTime()} when sending stopped, once every session is set up
     *         or expired; fails when a connection to the controller closes
     */
    CompletableFuture<Long> start() {
        loop.execute(this::begin);
        return finished;
    }

    /** @return connection requests offered (sent or skipped) */
    long offered() {
        return offered;
    }

    /** @return requests skipped because the connection's write buffer was full */
    long skipped() {
        return skipped;
    }

    /** @return when sending began, {@link System#nanoTime()} */
    long startNanos() {
        return startNanos;
    }

    private void begin() {
        startNanos = System.nanoTime();
        long measureStart = startNanos + plan.warmupNanos();
        long measureEnd = plan.durationNanos() == Long.MAX_VALUE ? Long.MAX_VALUE
                : measureStart + plan.durationNanos();
        tracker.window(measureStart, measureEnd);
        stopNanos = measureEnd;
        sending = true;
        if (plan.isClosedLoop()) {
            owed = plan.outstanding();
        }
        ticker = loop.scheduleAtFixedRate(this::tick, 0, plan.tickMicros(), TimeUnit.MICROSECONDS);
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            for (Channel ch : channels) {
                if (!ch.isActive()) {
                    fail(new IllegalStateException("the controller closed the connection of a dispatcher switch ("
                            + ch + ")"));
                    return;
                }
            }
            tracker.expireOlderThanTimeout(now);
            if (sending && (now >= stopNanos || tracker.started() >= plan.sessionLimit())) {
                sending = false;
                stopNanos = Math.min(now, stopNanos);
            }
            if (sending) {
                if (plan.isClosedLoop()) {
                    sendOwed(now);
                } else {
                    long due = plan.owedBy(now - startNanos) - offered;
                    sendBatch(Math.min(due, plan.maxBatch()), now);
                }
            }
            flush();
            if (!sending && (tracker.inFlight() == 0 || now - stopNanos >= plan.drainNanos())) {
                tracker.expireAll(now);
                ticker.cancel(false);
                finished.complete(stopNanos);
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void fail(Throwable e) {
        if (ticker != null) {
            ticker.cancel(false);
        }
        finished.completeExceptionally(e);
    }

    private void sendBatch(long count, long now) {
        long n = Math.min(count, plan.sessionLimit() - tracker.started());
        for (long i = 0; i < n; i++) {
            offerOne(now);
        }
    }

    private void sendOwed(long now) {
        while (owed > 0 && sending && tracker.started() < plan.sessionLimit()) {
            if (!offerOne(now)) {
                return; // that connection is full: retry at the next tick or read, so the window stays full
            }
            owed--;
        }
    }

    /** @return whether the request was sent (false: the connection's write buffer is full) */
    private boolean offerOne(long now) {
        offered++;
        int d = (int) (roundRobin++ % channels.size());
        Channel ch = channels.get(d);
        if (!ch.isWritable()) {
            skipped++;
            return false;
        }
        long seq = tracker.start(d, now);
        long client = tracker.clientOf(seq);
        ByteBuf batch = batches[d];
        if (batch == null) {
            batch = ch.alloc().directBuffer(templates.get(d).length() * 64);
            batches[d] = batch;
        }
        templates.get(d).append(batch, (int) seq, ClientSpace.ip(client), ClientSpace.port(client), (int) seq);
        return true;
    }

    private void flush() {
        for (int d = 0; d < batches.length; d++) {
            ByteBuf batch = batches[d];
            if (batch != null) {
                batches[d] = null;
                channels.get(d).writeAndFlush(batch, channels.get(d).voidPromise());
            }
        }
    }

    @Override
    public void sessionEnded(long nanos) {
        if (plan.isClosedLoop() && sending) {
            owed++;
        }
    }

    @Override
    public void readComplete() {
        if (plan.isClosedLoop() && sending && owed > 0) {
            sendOwed(System.nanoTime());
            flush();
        }
    }
}
