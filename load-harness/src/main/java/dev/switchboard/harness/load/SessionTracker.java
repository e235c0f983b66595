package dev.switchboard.harness.load;

import dev.switchboard.harness.openflow.DispatcherEvents;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * Session set-up accounting. A session is set up when its ingress dispatcher received the PACKET_OUT carrying
 * its SYN and every one of the k dispatchers received its session rule (a FLOW_MOD ADD matching the client's
 * ipv4_src and tcp_src). Sessions in flight live in a ring indexed by their sequence number, as parallel
 * primitive arrays, so tracking a session allocates nothing.
 *
 * <p>Only sessions sent inside the measurement window feed the histograms and the incomplete count; warm-up
 * sessions are tracked (their answers must not count as stray messages) but not reported. Event loop only.
 */
public final class SessionTracker implements DispatcherEvents {
    /** Latencies above this are recorded as this (a minute; sessions time out long before). */
    static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final long FREE = -1;

    private final int dispatchers;
    private final int allRules;
    private final long firstClient;
    private final long timeoutNanos;
    private final int mask;
    private final long[] seqAt;
    private final long[] sentAt;
    private final long[] packetOutAt;
    private final long[] firstRuleAt;
    private final long[] lastRuleAt;
    private final int[] rules;
    private final byte[] ingress;

    private final Histogram packetOutLatency = histogram();
    private final Histogram setupLatency = histogram();
    private final Histogram replicationLag = histogram();
    private final SessionCounts counts = new SessionCounts();

    private SessionListener listener;
    private long nextSeq;
    private long oldest;
    private long inFlight;
    private long measureStart = Long.MAX_VALUE;
    private long measureEnd = Long.MAX_VALUE;

    /**
     * @param dispatchers k, 1..32
     * @param firstClient {@link ClientSpace} index of session 0
     * @param capacity sessions that may be in flight at once (rounded up to a power of two)
     * @param timeoutNanos a session not set up this long after it was sent never completes
     */
    public SessionTracker(int dispatchers, long firstClient, int capacity, long timeoutNanos) {
        if (dispatchers < 1 || dispatchers > Integer.SIZE) {
            throw new IllegalArgumentException("dispatchers: " + dispatchers + " is not in 1.." + Integer.SIZE);
        }
        if (capacity < 1 || capacity > (1 << 28)) {
            throw new IllegalArgumentException("capacity: " + capacity + " is not in 1.." + (1 << 28));
        }
        if (firstClient < 0 || firstClient >= ClientSpace.SIZE) {
            throw new IllegalArgumentException("first client: " + firstClient + " is not in 0.." + ClientSpace.SIZE);
        }
        this.dispatchers = dispatchers;
        this.allRules = dispatchers == Integer.SIZE ? -1 : (1 << dispatchers) - 1;
        this.firstClient = firstClient;
        this.timeoutNanos = timeoutNanos;
        int size = Integer.highestOneBit(Math.max(capacity - 1, 1)) << 1;
        this.mask = size - 1;
        this.seqAt = new long[size];
        java.util.Arrays.fill(seqAt, FREE);
        this.sentAt = new long[size];
        this.packetOutAt = new long[size];
        this.firstRuleAt = new long[size];
        this.lastRuleAt = new long[size];
        this.rules = new int[size];
        this.ingress = new byte[size];
    }

    private static Histogram histogram() {
        return new Histogram(HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    }

    void listener(SessionListener l) {
        this.listener = l;
    }

    /**
     * Sets the measurement window: sessions sent in {@code [start, end)} are reported.
     *
     * @param start {@link System#nanoTime()} at the end of the warm-up
     * @param end when sending stops ({@link Long#MAX_VALUE} when a session count ends the run)
     */
    public void window(long start, long end) {
        this.measureStart = start;
        this.measureEnd = end;
    }

    /** @return how many sessions were started */
    public long started() {
        return nextSeq;
    }

    /** @return sessions started and neither set up nor expired */
    public long inFlight() {
        return inFlight;
    }

    /** @return the client index of session {@code seq} */
    public long clientOf(long seq) {
        return firstClient + seq;
    }

    /**
     * Starts the next session.
     *
     * @param dispatcher the ingress dispatcher (receives the packet-in)
     * @param nanos when its packet-in is sent
     * @return the session's sequence number (its client is {@link #clientOf(long)})
     */
    public long start(int dispatcher, long nanos) {
        long seq = nextSeq;
        if (firstClient + seq >= ClientSpace.SIZE) {
            throw new IllegalStateException("client space exhausted after " + seq + " sessions");
        }
        int slot = (int) (seq & mask);
        if (seqAt[slot] != FREE) {
            // The ring is full of older sessions still in flight: the oldest gives way as if it had timed out.
            expire(slot, nanos);
        }
        nextSeq = seq + 1;
        seqAt[slot] = seq;
        sentAt[slot] = nanos;
        packetOutAt[slot] = 0;
        firstRuleAt[slot] = 0;
        lastRuleAt[slot] = 0;
        rules[slot] = 0;
        ingress[slot] = (byte) dispatcher;
        inFlight++;
        if (measured(nanos)) {
            counts.sent++;
        }
        return seq;
    }

    @Override
    public void packetOut(int dispatcher, long clientKey, long nanos) {
        int slot = slotOf(clientKey);
        if (slot < 0) {
            counts.unmatchedPacketOuts++;
            return;
        }
        if (dispatcher != ingress[slot]) {
            counts.misdirectedPacketOuts++;
            return;
        }
        if (packetOutAt[slot] != 0) {
            counts.duplicatePacketOuts++;
            return;
        }
        packetOutAt[slot] = nanos | 1; // never 0, which means "not yet"; 1 ns is below the resolution anyway
        if (measured(sentAt[slot])) {
            packetOutLatency.recordValue(clamp(nanos - sentAt[slot]));
        }
        completeIfDone(slot, nanos);
    }

    @Override
    public void sessionRule(int dispatcher, long clientKey, long nanos) {
        int slot = slotOf(clientKey);
        if (slot < 0) {
            counts.unmatchedSessionRules++;
            return;
        }
        int bit = 1 << dispatcher;
        if ((rules[slot] & bit) != 0) {
            counts.duplicateSessionRules++;
            return;
        }
        if (rules[slot] == 0) {
            firstRuleAt[slot] = nanos;
        }
        rules[slot] |= bit;
        if (rules[slot] == allRules) {
            lastRuleAt[slot] = nanos;
            if (measured(sentAt[slot])) {
                replicationLag.recordValue(clamp(nanos - firstRuleAt[slot]));
            }
        }
        completeIfDone(slot, nanos);
    }

    @Override
    public void readComplete() {
        if (listener != null) {
            listener.readComplete();
        }
    }

    /**
     * Expires sessions sent at least the timeout before {@code now}: they never complete.
     *
     * @param now the current {@link System#nanoTime()}
     */
    public void expireOlderThanTimeout(long now) {
        while (oldest < nextSeq) {
            int slot = (int) (oldest & mask);
            if (seqAt[slot] == oldest) {
                if (now - sentAt[slot] < timeoutNanos) {
                    return;
                }
                expire(slot, now);
            }
            oldest++;
        }
    }

    /** Expires every session still in flight (the end of the run). */
    public void expireAll(long now) {
        while (oldest < nextSeq) {
            int slot = (int) (oldest & mask);
            if (seqAt[slot] == oldest) {
                expire(slot, now);
            }
            oldest++;
        }
    }

    private void expire(int slot, long now) {
        if (measured(sentAt[slot])) {
            if (packetOutAt[slot] == 0) {
                counts.incompleteWithoutPacketOut++;
            } else {
                counts.incompleteWithoutAllRules++;
            }
            if (rules[slot] != 0) {
                counts.incompleteWithSomeRules++;
            }
        }
        end(slot, now);
    }

    private void completeIfDone(int slot, long nanos) {
        if (packetOutAt[slot] == 0 || rules[slot] != allRules) {
            return;
        }
        if (measured(sentAt[slot])) {
            counts.completed++;
            setupLatency.recordValue(clamp(Math.max(packetOutAt[slot], lastRuleAt[slot]) - sentAt[slot]));
        }
        counts.setUp++;
        if (nanos >= measureStart && nanos < measureEnd) {
            counts.completedInWindow++;
        }
        counts.lastCompletionNanos = nanos;
        end(slot, nanos);
    }

    private void end(int slot, long nanos) {
        seqAt[slot] = FREE;
        inFlight--;
        if (listener != null) {
            listener.sessionEnded(nanos);
        }
    }

    /** @return the ring slot of the session of this client, or -1 when it is not in flight */
    private int slotOf(long clientKey) {
        long client = ClientSpace.indexOf(clientKey);
        if (client < firstClient) {
            return -1;
        }
        long seq = client - firstClient;
        int slot = (int) (seq & mask);
        return seq < nextSeq && seqAt[slot] == seq ? slot : -1;
    }

    private boolean measured(long sent) {
        return sent >= measureStart && sent < measureEnd;
    }

    private static long clamp(long nanos) {
        return Math.max(0, Math.min(nanos, HIGHEST_NANOS));
    }

    /** @return k */
    public int dispatchers() {
        return dispatchers;
    }

    /** @return the counts so far (live object; read on the event loop) */
    public SessionCounts counts() {
        return counts;
    }

    /** @return sent to packet-out at the ingress dispatcher, nanoseconds, measured sessions */
    public Histogram packetOutLatency() {
        return packetOutLatency;
    }

    /** @return sent to set up (packet-out and all k rules), nanoseconds, measured sessions */
    public Histogram setupLatency() {
        return setupLatency;
    }

    /** @return first to last dispatcher receiving the session rule, nanoseconds, measured sessions */
    public Histogram replicationLag() {
        return replicationLag;
    }
}
