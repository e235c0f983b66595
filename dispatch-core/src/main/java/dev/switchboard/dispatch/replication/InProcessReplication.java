package dev.switchboard.dispatch.replication;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded replication store: dispatchers in one process, each with its own table and its own
 * executor. Deliveries are asynchronous and in order per sender: each member has one mailbox, drained
 * in batches on its executor, so the packet path of the sender never waits for a receiver.
 *
 * <p>Sends are batched like channel writes: a broadcast goes into the sender's outbox, and the outbox
 * leaves once per turn of the sender's executor, as one mailbox item per peer. Waking another thread
 * costs more than applying an update, so under a steady load one wake-up per batch instead of one per
 * update is what keeps the per-session cost flat.
 *
 * <p>Membership changes are rare and synchronized; broadcasts read a volatile member array and never
 * lock. A broadcast racing a join re-reads the members after sending and also sends to any member
 * that joined meanwhile: the joiner may then see an update twice (merges are idempotent) but never
 * misses one, because anything sent before the join was queued to the snapshot peer before the
 * snapshot request.
 */
public final class InProcessReplication {
    /** Updates one mailbox drain applies (in whole batches) before yielding its executor to other work. */
    static final int DRAIN_BATCH = 4096;

    private final Object membershipLock = new Object();
    private volatile Member[] members = new Member[0];

    /**
     * Adds a dispatcher. If others are present, one of them sends it a snapshot followed by
     * {@link DispatchUpdate.Kind#SYNC_COMPLETE}; the first member gets SYNC_COMPLETE at once.
     *
     * @param dispatcherId the joining dispatcher's id, unique among live members
     * @param executor the joiner's thread (its event loop); deliveries run there
     * @param endpoint the joiner's receiving side
     * @return the joiner's channel; {@link Membership#leave()} removes it
     * @throws IllegalArgumentException when the id is already a live member
     */
    public Membership join(int dispatcherId, Executor executor, ReplicaEndpoint endpoint) {
        Member joiner = new Member(dispatcherId, executor, endpoint);
        Member peer;
        synchronized (membershipLock) {
            Member[] current = members;
            for (Member m : current) {
                if (m.id == dispatcherId) {
                    throw new IllegalArgumentException("dispatcher " + dispatcherId + " is already a member");
                }
            }
            Member[] next = java.util.Arrays.copyOf(current, current.length + 1);
            next[current.length] = joiner;
            members = next;
            peer = current.length > 0 ? current[0] : null;
        }
        if (peer == null) {
            joiner.enqueue(List.of(DispatchUpdate.syncComplete(dispatcherId)));
        } else {
            peer.executor.execute(() -> {
                List<DispatchUpdate> snapshot = new ArrayList<>();
                peer.endpoint.writeSnapshot(snapshot::add);
                snapshot.add(DispatchUpdate.syncComplete(peer.id));
                joiner.enqueue(snapshot);
            });
        }
        return new Membership(joiner);
    }

    private long liveMask() {
        long mask = 0;
        for (Member m : members) {
            mask |= 1L << m.id;
        }
        return mask;
    }

    private void broadcastFrom(Member sender, List<DispatchUpdate> update) {
        Member[] sentTo = members;
        for (Member m : sentTo) {
            if (m != sender) {
                m.enqueue(update);
            }
        }
        Member[] now = members;
        if (now != sentTo) {
            for (Member m : now) {
                if (m != sender && !contains(sentTo, m)) {
                    m.enqueue(update);
                }
            }
        }
    }

    private static boolean contains(Member[] array, Member member) {
        for (Member m : array) {
            if (m == member) {
                return true;
            }
        }
        return false;
    }

    /** A member's handle: its channel to the others, and its way out. */
    public final class Membership implements ReplicationChannel {
        private final Member self;

        private final Runnable flushOutbox = this::flushOutbox;

        private Membership(Member self) {
            this.self = self;
        }

        /** Must be called on the member's own executor, like every dispatcher method. */
        @Override
        public void broadcast(DispatchUpdate update) {
            self.outbox.add(update);
            if (!self.outboxScheduled) {
                self.outboxScheduled = true;
                self.executor.execute(flushOutbox);
            }
        }

        private void flushOutbox() {
            self.outboxScheduled = false;
            if (self.outbox.isEmpty()) {
                return;
            }
            List<DispatchUpdate> batch = new ArrayList<>(self.outbox);
            self.outbox.clear();
            broadcastFrom(self, batch);
        }

        @Override
        public long liveMembers() {
            return liveMask();
        }

        /** Removes the member: it receives nothing more, and peers stop counting it as live. */
        public void leave() {
            synchronized (membershipLock) {
                Member[] current = members;
                int n = 0;
                Member[] next = new Member[current.length];
                for (Member m : current) {
                    if (m != self) {
                        next[n++] = m;
                    }
                }
                members = java.util.Arrays.copyOf(next, n);
            }
            self.closed = true;
        }
    }

    private static final class Member {
        final int id;
        final Executor executor;
        final ReplicaEndpoint endpoint;
        final Queue<List<DispatchUpdate>> mailbox = new ConcurrentLinkedQueue<>();
        /** Confined to the member's own executor. */
        final List<DispatchUpdate> outbox = new ArrayList<>();
        boolean outboxScheduled;
        final AtomicBoolean scheduled = new AtomicBoolean();
        final Runnable drain = this::drain;
        volatile boolean closed;

        Member(int id, Executor executor, ReplicaEndpoint endpoint) {
            this.id = id;
            this.executor = executor;
            this.endpoint = endpoint;
        }

        void enqueue(List<DispatchUpdate> batch) {
            if (closed) {
                return;
            }
            mailbox.offer(batch);
            if (scheduled.compareAndSet(false, true)) {
                executor.execute(drain);
            }
        }

        private void drain() {
            int delivered = 0;
            while (delivered < DRAIN_BATCH) {
                List<DispatchUpdate> batch = mailbox.poll();
                if (batch == null) {
                    break;
                }
                if (!closed) {
                    endpoint.deliverAll(batch);
                }
                delivered += batch.size();
            }
            scheduled.set(false);
            // An enqueue between the last poll and the reset saw scheduled == true and did not schedule.
            if (!mailbox.isEmpty() && scheduled.compareAndSet(false, true)) {
                executor.execute(drain);
            }
        }
    }
}
