package dev.switchboard.dispatch.replication;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded replication store: dispatchers in one process, each with its own table and its own
 * executor. Deliveries are asynchronous and in order per sender: each member has one mailbox, drained
 * in batches on its executor, so the packet path of the sender never waits for a receiver.
 *
 * <p>Membership changes are rare and synchronized; broadcasts read a volatile member array and never
 * lock. A broadcast racing a join re-reads the members after sending and also sends to any member
 * that joined meanwhile: the joiner may then see an update twice (merges are idempotent) but never
 * misses one, because anything sent before the join was queued to the snapshot peer before the
 * snapshot request.
 */
public final class InProcessReplication {
    /** Upper bound of updates one mailbox drain applies before yielding its executor to other work. */
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
            joiner.enqueue(DispatchUpdate.syncComplete(dispatcherId));
        } else {
            peer.executor.execute(() -> {
                peer.endpoint.writeSnapshot(joiner::enqueue);
                joiner.enqueue(DispatchUpdate.syncComplete(peer.id));
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

    private void broadcastFrom(Member sender, DispatchUpdate update) {
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

        private Membership(Member self) {
            this.self = self;
        }

        @Override
        public void broadcast(DispatchUpdate update) {
            broadcastFrom(self, update);
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
        final Queue<DispatchUpdate> mailbox = new ConcurrentLinkedQueue<>();
        final AtomicBoolean scheduled = new AtomicBoolean();
        final Runnable drain = this::drain;
        volatile boolean closed;

        Member(int id, Executor executor, ReplicaEndpoint endpoint) {
            this.id = id;
            this.executor = executor;
            this.endpoint = endpoint;
        }

        void enqueue(DispatchUpdate update) {
            if (closed) {
                return;
            }
            mailbox.offer(update);
            if (scheduled.compareAndSet(false, true)) {
                executor.execute(drain);
            }
        }

        private void drain() {
            for (int i = 0; i < DRAIN_BATCH; i++) {
                DispatchUpdate update = mailbox.poll();
                if (update == null) {
                    break;
                }
                if (!closed) {
                    endpoint.deliver(update);
                }
            }
            scheduled.set(false);
            // An enqueue between the last poll and the reset saw scheduled == true and did not schedule.
            if (!mailbox.isEmpty() && scheduled.compareAndSet(false, true)) {
                executor.execute(drain);
            }
        }
    }
}
