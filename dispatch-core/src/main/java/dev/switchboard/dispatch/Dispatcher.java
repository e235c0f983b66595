package dev.switchboard.dispatch;

import dev.switchboard.dispatch.DispatcherCounters.Counter;
import dev.switchboard.dispatch.model.DispatcherId;
import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServerGroup;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.dispatch.replication.DispatchUpdate;
import dev.switchboard.dispatch.replication.ReplicaEndpoint;
import dev.switchboard.dispatch.replication.ReplicationChannel;
import dev.switchboard.dispatch.select.MaglevSelector;
import dev.switchboard.dispatch.select.ServerSelector;
import dev.switchboard.dispatch.table.ClientLock;
import dev.switchboard.dispatch.table.DispatchTable;
import dev.switchboard.dispatch.table.RegisterState;
import dev.switchboard.dispatch.table.SessionEntry;
import dev.switchboard.dispatch.table.SessionFlags;
import dev.switchboard.dispatch.table.Stamp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One dispatcher (claims 1-45): decides every packet addressed to the VIP from its local dispatch
 * table, runs the client-lock protocol for connection requests, merges its peers' updates and ends
 * sessions on FIN/RST, idleness or request.
 *
 * <p>Every register of the table is a last-writer-wins value ordered by {@link Stamp}; two
 * dispatchers that place entries for the same client at the same moment both broadcast, and every
 * table keeps the placement with the higher stamp, so all of them end with the same server for the
 * session (see docs/design.md, "Concurrent connection requests").
 *
 * <p>A session ends for everyone or for no one: FIN in both directions, RST, or idle reports from
 * every live dispatcher make the entry's placing dispatcher (or, if it is gone, the others after a
 * grace period) remove it and broadcast the removal.
 *
 * <p>Threading: confined. Every method must be called on the dispatcher's own thread (its switch's
 * event loop in the runtimes), which is what lets the packet path run without locks. Counters may be
 * read from anywhere.
 */
public final class Dispatcher implements ReplicaEndpoint {
    private static final ReplicationChannel UNCONNECTED = new ReplicationChannel() {
        @Override
        public void broadcast(DispatchUpdate update) {
        }

        @Override
        public long liveMembers() {
            return 0;
        }
    };

    private final int id;
    private final long selfBit;
    private final Supplier<ServiceCatalog> catalog;
    private final NanoClock clock;
    private final DispatchTableListener listener;
    private final DispatchTable table;
    private final MaglevSelector adoption = new MaglevSelector(true);
    private final DispatcherCounters counters = new DispatcherCounters();
    private final DeadlineQueue lockExpiries = new DeadlineQueue();
    private final DeadlineQueue ownerClosings = new DeadlineQueue();
    private final DeadlineQueue closeBackstops = new DeadlineQueue();
    private final DeadlineQueue idleBackstops = new DeadlineQueue();
    private final DeadlineQueue tombstones = new DeadlineQueue();
    /**
     * FIN/RST observed here for a session whose placement has not arrived yet: the server's FIN can reach the
     * controller through another dispatcher sooner than the placement reaches that dispatcher's table (seen in
     * Mininet with the cores saturated). Held for a lock lifetime and applied when the placement lands.
     */
    private final Map<SessionKey, Integer> earlyTerminations = new HashMap<>();
    private final DeadlineQueue earlyTerminationExpiries = new DeadlineQueue();
    private Verdict[] serverVerdicts = new Verdict[16];
    private DispatchSettings settings;
    private ServerSelector selector;
    private ReplicationChannel channel = UNCONNECTED;
    private long lamport;
    private boolean ready;

    /**
     * @param id this dispatcher's id, 0 to {@link DispatcherId#MAX}
     * @param settings protocol tunables
     * @param catalog the current service catalog (read once per decision; runtimes publish new snapshots)
     * @param clock monotonic time
     * @param listener receives every table change, to mirror it into the data plane
     * @param incarnation where this incarnation's Lamport counter starts. A restarted dispatcher must
     *                    start above every stamp its previous incarnation wrote, or two different
     *                    values could carry the same stamp; runtimes pass wall-clock microseconds at
     *                    start-up (see {@link #incarnationNow()}), which stay ahead as long as a
     *                    dispatcher writes fewer than a million registers a second
     */
    public Dispatcher(int id, DispatchSettings settings, Supplier<ServiceCatalog> catalog, NanoClock clock,
                      DispatchTableListener listener, long incarnation) {
        this.id = DispatcherId.check(id);
        this.selfBit = 1L << id;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.table = new DispatchTable(settings.expectedSessions());
        this.selector = settings.strategy().newSelector();
        if (incarnation < 0 || incarnation > Stamp.MAX_COUNTER) {
            throw new IllegalArgumentException("incarnation must be 0.." + Stamp.MAX_COUNTER + ", was " + incarnation);
        }
        this.lamport = incarnation;
    }

    /** @return an incarnation for a dispatcher starting now: wall-clock microseconds */
    public static long incarnationNow() {
        return java.util.concurrent.TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
    }

    /**
     * Connects the dispatcher to its peers. It decides on no packet until the channel delivers
     * {@link DispatchUpdate.Kind#SYNC_COMPLETE} (bulk sync done, or no peers).
     */
    public void connect(ReplicationChannel replication) {
        this.channel = Objects.requireNonNull(replication, "replication");
    }

    /** Applies new settings live; the selection strategy's state restarts if the strategy changed. */
    public void updateSettings(DispatchSettings next) {
        if (next.strategy() != settings.strategy()) {
            selector = next.strategy().newSelector();
        }
        settings = next;
    }

    /**
     * Decides where a packet addressed to a VIP goes (claims 21, 28, 31-39, 43-45, 54, 61, 64, 65).
     *
     * @param ipProtocol IP protocol number (6 TCP, 17 UDP)
     * @param srcAddress client address
     * @param srcPort client port
     * @param dstAddress the VIP
     * @param dstPort the service port
     * @param tcpFlags the TCP flags byte (ignored for UDP)
     * @return the verdict; never {@code null}, never throws for any packet
     */
    public Verdict onPacket(int ipProtocol, int srcAddress, int srcPort, int dstAddress, int dstPort, int tcpFlags) {
        if (!ready) {
            counters.increment(Counter.NOT_READY);
            return Verdict.drop(Verdict.DropReason.NOT_READY);
        }
        ServiceCatalog cat = catalog.get();
        long high = SessionKey.packHigh(srcAddress, srcPort, dstPort);
        long low = SessionKey.packLow(dstAddress, ipProtocol);
        int slot = table.find(high, low);
        if (slot >= 0) {
            RegisterState state = table.state(slot);
            if (state == RegisterState.ENTRY && !newConnectionOnClosedSession(slot, ipProtocol, tcpFlags)) {
                return forwardByEntry(cat, slot, high, low);
            }
            if (state == RegisterState.LOCK && Stamp.dispatcher(table.stamp(slot)) != id) {
                counters.increment(Counter.LOCK_REDIRECTS);
                return Verdict.toDispatcher(Stamp.dispatcher(table.stamp(slot)));
            }
        }
        ServerGroup group = cat.groupAt(dstAddress, ipProtocol, dstPort);
        if (group == null) {
            counters.increment(Counter.NOT_A_SERVICE);
            return Verdict.drop(Verdict.DropReason.NOT_A_SERVICE);
        }
        boolean request = ipProtocol == Protocol.UDP.ipNumber() || TcpFlags.isConnectionRequest(tcpFlags);
        return request ? placeWithLock(cat, group, high, low) : fallback(cat, group, high, low);
    }

    /**
     * A SYN on the 5-tuple of a session that has seen its FINs (or an RST) and only lingers: the client reused
     * the tuple (a passive closer keeps no TIME_WAIT). It gets a session of its own, placed like any new one;
     * riding the old entry would lose its rule when the linger ends.
     */
    private boolean newConnectionOnClosedSession(int slot, int ipProtocol, int tcpFlags) {
        return ipProtocol == Protocol.TCP.ipNumber() && TcpFlags.isConnectionRequest(tcpFlags)
                && SessionFlags.closed(table.flags(slot));
    }

    /** Refusing a new session is recoverable; a table that cannot grow any more is not. */
    private boolean tableFull() {
        int max = settings.maxSessions();
        if (max > 0 && table.registerCount() >= max) {
            counters.increment(Counter.TABLE_FULL);
            return true;
        }
        return false;
    }

    private Verdict forwardByEntry(ServiceCatalog cat, int slot, long high, long low) {
        Server server = cat.server(table.server(slot));
        if (server == null) {
            removeEntry(slot, high, low, RemovalCause.SERVER_REMOVED, clock.nanoTime());
            return Verdict.drop(Verdict.DropReason.SERVER_GONE);
        }
        if ((table.idleMask(slot) & selfBit) != 0) {
            refresh(slot, high, low);
        }
        counters.increment(Counter.FORWARDED_BY_ENTRY);
        return verdictFor(server);
    }

    private Verdict fallback(ServiceCatalog cat, ServerGroup group, long high, long low) {
        if (settings.fallback() == FallbackPolicy.DROP) {
            counters.increment(Counter.FALLBACK_DROPS);
            return Verdict.drop(Verdict.DropReason.NO_SESSION);
        }
        if (tableFull()) {
            return Verdict.drop(Verdict.DropReason.TABLE_FULL);
        }
        Server server = adoption.select(group, cat, table, high, low);
        if (server == null) {
            counters.increment(Counter.NO_SERVER);
            return Verdict.drop(Verdict.DropReason.NO_SERVER);
        }
        place(high, low, server.index(), 0, clock.nanoTime());
        counters.increment(Counter.SESSIONS_ADOPTED);
        return verdictFor(server);
    }

    /** Claims 35-38: lock the client and broadcast, select, place and broadcast with the lock's removal. */
    private Verdict placeWithLock(ServiceCatalog cat, ServerGroup group, long high, long low) {
        if (tableFull()) {
            return Verdict.drop(Verdict.DropReason.TABLE_FULL);
        }
        long now = clock.nanoTime();
        long lockStamp = nextStamp();
        // No expiry is queued for an own lock: this very call replaces it with the entry or a tombstone.
        table.put(high, low, RegisterState.LOCK, lockStamp, -1, 0, 0);
        counters.increment(Counter.LOCKS_PLACED);
        channel.broadcast(DispatchUpdate.lock(high, low, lockStamp));

        Server server = selector.select(group, cat, table, high, low);
        if (server == null) {
            counters.increment(Counter.NO_SERVER);
            long removal = nextStamp();
            writeTombstone(high, low, removal, now);
            channel.broadcast(DispatchUpdate.remove(high, low, removal));
            return Verdict.drop(Verdict.DropReason.NO_SERVER);
        }
        place(high, low, server.index(), 0, now);
        counters.increment(Counter.SESSIONS_PLACED);
        return verdictFor(server);
    }

    private void place(long high, long low, int serverIndex, int flags, long now) {
        long stamp = nextStamp();
        table.put(high, low, RegisterState.ENTRY, stamp, serverIndex, flags, 0);
        channel.broadcast(DispatchUpdate.place(high, low, stamp, serverIndex, flags, 0));
        listener.sessionPlaced(new SessionEntry(SessionKey.unpack(high, low), serverIndex, stamp, flags, 0));
    }

    /** Traffic after this dispatcher reported idle: a new placement of the same server clears every idle bit. */
    private void refresh(int slot, long high, long low) {
        place(high, low, table.server(slot), table.flags(slot), clock.nanoTime());
        counters.increment(Counter.SESSIONS_REFRESHED);
    }

    private Verdict verdictFor(Server server) {
        int index = server.index();
        if (index >= serverVerdicts.length) {
            serverVerdicts = java.util.Arrays.copyOf(serverVerdicts, Math.max(index + 1, serverVerdicts.length * 2));
        }
        Verdict cached = serverVerdicts[index];
        if (cached == null || cached.server() != server) {
            cached = Verdict.toServer(server);
            serverVerdicts[index] = cached;
        }
        return cached;
    }

    private long nextStamp() {
        return Stamp.of(++lamport, id);
    }

    /**
     * Records FIN or RST seen by this dispatcher's data plane (claims 23-25, 56-58). When both
     * directions have sent FIN, or on RST, the session ends for every dispatcher after the FIN linger.
     *
     * @param key the session (for server-to-client packets, the key of the session they answer)
     * @param observed {@link SessionFlags} bits: CLIENT_FIN, SERVER_FIN, RESET
     * @return whether the key has an entry
     */
    public boolean onTermination(SessionKey key, int observed) {
        long high = key.high();
        long low = key.low();
        int slot = table.find(high, low);
        if (slot < 0 || table.state(slot) != RegisterState.ENTRY) {
            counters.increment(Counter.TERMINATIONS_UNMATCHED);
            holdEarlyTermination(key, observed);
            return false;
        }
        mark(slot, high, low, observed, 0, clock.nanoTime());
        return true;
    }

    /** ORs flags and idle bits into an entry; if that changed it, broadcasts the MARK and checks for the end. */
    private void mark(int slot, long high, long low, int observedFlags, long idleBits, long now) {
        int flags = table.flags(slot) | observedFlags;
        long idle = table.idleMask(slot) | idleBits;
        if (flags != table.flags(slot) || idle != table.idleMask(slot)) {
            table.mark(slot, flags, idle);
            channel.broadcast(DispatchUpdate.mark(high, low, table.stamp(slot), table.server(slot), flags, idle));
            evaluateEnd(slot, high, low, now);
        }
    }

    private void holdEarlyTermination(SessionKey key, int observed) {
        if (earlyTerminations.merge(key, observed, (held, more) -> held | more) == observed) {
            earlyTerminationExpiries.add(key.high(), key.low(), Stamp.NONE,
                    clock.nanoTime() + settings.lockTtl().toNanos());
        }
    }

    /** A placement arrived: apply a FIN/RST this dispatcher saw before it (see {@link #earlyTerminations}). */
    private void applyEarlyTermination(long high, long low, long now) {
        Integer observed = earlyTerminations.remove(SessionKey.unpack(high, low));
        if (observed == null) {
            return;
        }
        int slot = table.find(high, low);
        if (slot >= 0 && table.state(slot) == RegisterState.ENTRY) {
            counters.increment(Counter.TERMINATIONS_APPLIED_LATE);
            mark(slot, high, low, observed, 0, now);
        }
    }

    /**
     * Records that this dispatcher's data plane saw no packet of the session for the idle timeout
     * (its rule expired). The entry stays; it ends only when every live dispatcher has said so.
     *
     * @return whether the key has an entry
     */
    public boolean onDataPlaneIdle(SessionKey key) {
        long high = key.high();
        long low = key.low();
        int slot = table.find(high, low);
        if (slot < 0 || table.state(slot) != RegisterState.ENTRY) {
            counters.increment(Counter.TERMINATIONS_UNMATCHED);
            return false;
        }
        mark(slot, high, low, 0, selfBit, clock.nanoTime());
        return true;
    }

    /**
     * Ends a session or lock at an operator's request (claims 25, 58); every dispatcher removes it.
     *
     * @return whether there was an entry or a lock to end
     */
    public boolean terminate(SessionKey key) {
        long high = key.high();
        long low = key.low();
        int slot = table.find(high, low);
        if (slot < 0) {
            return false;
        }
        long now = clock.nanoTime();
        if (table.state(slot) == RegisterState.ENTRY) {
            removeEntry(slot, high, low, RemovalCause.OPERATOR, now);
            return true;
        }
        if (table.state(slot) == RegisterState.LOCK) {
            ClientLock lock = table.lockAt(slot);
            long stamp = nextStamp();
            writeTombstone(high, low, stamp, now);
            channel.broadcast(DispatchUpdate.remove(high, low, stamp));
            listener.lockRemoved(lock);
            return true;
        }
        return false;
    }

    /**
     * Runs expiries due by now: locks past their TTL, sessions past their FIN linger, backstop
     * removals of sessions whose placing dispatcher is gone, and old tombstones. Call it periodically
     * (every few tens of milliseconds) on the dispatcher's thread.
     */
    public void tick() {
        long now = clock.nanoTime();
        while (lockExpiries.headDue(now)) {
            int slot = table.find(lockExpiries.headKeyHigh(), lockExpiries.headKeyLow());
            if (slot >= 0 && table.state(slot) == RegisterState.LOCK && table.stamp(slot) == lockExpiries.headStamp()) {
                ClientLock lock = table.lockAt(slot);
                writeTombstone(lockExpiries.headKeyHigh(), lockExpiries.headKeyLow(), lockExpiries.headStamp(), now);
                counters.increment(Counter.LOCKS_EXPIRED);
                listener.lockRemoved(lock);
            }
            lockExpiries.pop();
        }
        expireClosed(ownerClosings, now);
        expireClosed(closeBackstops, now);
        while (idleBackstops.headDue(now)) {
            int slot = entrySlot(idleBackstops);
            if (slot >= 0 && allIdle(table.idleMask(slot))) {
                removeEntry(slot, idleBackstops.headKeyHigh(), idleBackstops.headKeyLow(), RemovalCause.IDLE, now);
            }
            idleBackstops.pop();
        }
        while (earlyTerminationExpiries.headDue(now)) {
            earlyTerminations.remove(SessionKey.unpack(earlyTerminationExpiries.headKeyHigh(),
                    earlyTerminationExpiries.headKeyLow()));
            earlyTerminationExpiries.pop();
        }
        while (tombstones.headDue(now)) {
            int slot = table.find(tombstones.headKeyHigh(), tombstones.headKeyLow());
            if (slot >= 0 && table.state(slot) == RegisterState.TOMBSTONE && table.stamp(slot) == tombstones.headStamp()) {
                table.remove(slot);
            }
            tombstones.pop();
        }
    }

    private void expireClosed(DeadlineQueue queue, long now) {
        while (queue.headDue(now)) {
            int slot = entrySlot(queue);
            if (slot >= 0 && SessionFlags.closed(table.flags(slot))) {
                RemovalCause cause = (table.flags(slot) & SessionFlags.RESET) != 0 ? RemovalCause.RESET : RemovalCause.FIN;
                removeEntry(slot, queue.headKeyHigh(), queue.headKeyLow(), cause, now);
            }
            queue.pop();
        }
    }

    /** @return the slot of the queue head's entry if it is still the same placement, else -1 */
    private int entrySlot(DeadlineQueue queue) {
        int slot = table.find(queue.headKeyHigh(), queue.headKeyLow());
        return slot >= 0 && table.state(slot) == RegisterState.ENTRY && table.stamp(slot) == queue.headStamp()
                ? slot : -1;
    }

    /**
     * Re-examines every entry after a dispatcher left: idle sets may be complete now, and entries whose
     * placing dispatcher left need another remover. Rare, so a full scan is fine.
     */
    public void onMembershipChanged() {
        long now = clock.nanoTime();
        List<long[]> ended = new ArrayList<>();
        table.forEachSlot(slot -> {
            if (table.state(slot) == RegisterState.ENTRY) {
                ended.add(new long[] {table.keyHigh(slot), table.keyLow(slot)});
            }
        });
        for (long[] key : ended) {
            int slot = table.find(key[0], key[1]);
            if (slot >= 0) {
                evaluateEnd(slot, key[0], key[1], now);
            }
        }
    }

    private boolean allIdle(long idleMask) {
        long live = channel.liveMembers();
        return live != 0 && (idleMask & live) == live;
    }

    private boolean responsibleFor(long stamp) {
        int owner = Stamp.dispatcher(stamp);
        long live = channel.liveMembers();
        if (owner == id || live == 0) {
            return true;
        }
        return (live & (1L << owner)) == 0 && Long.numberOfTrailingZeros(live) == id;
    }

    private void evaluateEnd(int slot, long high, long low, long now) {
        long stamp = table.stamp(slot);
        boolean responsible = responsibleFor(stamp);
        if (SessionFlags.closed(table.flags(slot))) {
            long linger = settings.finLinger().toNanos();
            if (responsible) {
                ownerClosings.add(high, low, stamp, now + linger);
            } else {
                closeBackstops.add(high, low, stamp, now + linger + settings.removalGrace().toNanos());
            }
        } else if (allIdle(table.idleMask(slot))) {
            if (responsible) {
                removeEntry(slot, high, low, RemovalCause.IDLE, now);
            } else {
                idleBackstops.add(high, low, stamp, now + settings.removalGrace().toNanos());
            }
        }
    }

    private void removeEntry(int slot, long high, long low, RemovalCause cause, long now) {
        SessionEntry removed = table.entryAt(slot);
        long stamp = nextStamp();
        writeTombstone(high, low, stamp, now);
        channel.broadcast(DispatchUpdate.remove(high, low, stamp));
        counters.increment(Counter.SESSIONS_REMOVED);
        listener.sessionRemoved(removed, cause);
    }

    private void writeTombstone(long high, long low, long stamp, long now) {
        long expiry = now + settings.tombstoneRetention().toNanos();
        table.put(high, low, RegisterState.TOMBSTONE, stamp, -1, 0, 0);
        tombstones.add(high, low, stamp, expiry);
    }

    /**
     * Merges a peer's batch in order, like {@link #deliver} for each update, except a client lock directly
     * followed in the batch by a newer placement or removal of the same key: that lock is not applied. Under
     * last-writer-wins the register ends the same either way (whatever the lock would overwrite, the newer
     * update overwrites too), and the common case, a lock broadcast with its placement in the same turn, then
     * costs the receiver one table write instead of two plus a lock expiry.
     */
    @Override
    public void deliverAll(List<DispatchUpdate> batch) {
        int n = batch.size();
        for (int i = 0; i < n; i++) {
            DispatchUpdate update = batch.get(i);
            if (i + 1 < n && supersededLock(update, batch.get(i + 1))) {
                continue;
            }
            deliver(update);
        }
    }

    private static boolean supersededLock(DispatchUpdate lock, DispatchUpdate next) {
        return lock.kind() == DispatchUpdate.Kind.LOCK
                && (next.kind() == DispatchUpdate.Kind.PLACE || next.kind() == DispatchUpdate.Kind.REMOVE)
                && next.keyHigh() == lock.keyHigh() && next.keyLow() == lock.keyLow()
                && next.stamp() > lock.stamp();
    }

    @Override
    public void deliver(DispatchUpdate update) {
        if (update.kind() == DispatchUpdate.Kind.SYNC_COMPLETE) {
            ready = true;
            return;
        }
        lamport = Math.max(lamport, Stamp.counter(update.stamp()));
        long high = update.keyHigh();
        long low = update.keyLow();
        long now = clock.nanoTime();
        int slot = table.find(high, low);
        boolean carriesEntry = update.kind() == DispatchUpdate.Kind.PLACE || update.kind() == DispatchUpdate.Kind.MARK;
        if (slot >= 0) {
            long current = table.stamp(slot);
            RegisterState state = table.state(slot);
            if (update.stamp() == current && state == RegisterState.ENTRY && carriesEntry) {
                mergeMarks(slot, high, low, update, now);
                return;
            }
            if (update.stamp() <= current) {
                counters.increment(Counter.UPDATES_STALE);
                return;
            }
            replace(slot, high, low, state, update, now);
            return;
        }
        counters.increment(Counter.UPDATES_APPLIED);
        install(high, low, update, now);
    }

    private void mergeMarks(int slot, long high, long low, DispatchUpdate update, long now) {
        int flags = table.flags(slot) | update.flags();
        long idle = table.idleMask(slot) | update.idleMask();
        if (flags == table.flags(slot) && idle == table.idleMask(slot)) {
            counters.increment(Counter.UPDATES_STALE);
            return;
        }
        counters.increment(Counter.UPDATES_APPLIED);
        table.mark(slot, flags, idle);
        evaluateEnd(slot, high, low, now);
    }

    private void replace(int slot, long high, long low, RegisterState oldState, DispatchUpdate update, long now) {
        counters.increment(Counter.UPDATES_APPLIED);
        SessionEntry oldEntry = oldState == RegisterState.ENTRY ? table.entryAt(slot) : null;
        ClientLock oldLock = oldState == RegisterState.LOCK ? table.lockAt(slot) : null;
        boolean entryStays = update.kind() == DispatchUpdate.Kind.PLACE || update.kind() == DispatchUpdate.Kind.MARK;
        if (oldEntry != null && entryStays && oldEntry.serverIndex() != update.server()) {
            counters.increment(Counter.CONFLICTS_RESOLVED);
        }
        install(high, low, update, now);
        if (oldLock != null) {
            listener.lockRemoved(oldLock);
        }
        if (oldEntry != null && !entryStays) {
            listener.sessionRemoved(oldEntry,
                    update.kind() == DispatchUpdate.Kind.REMOVE ? RemovalCause.REPLICATED : RemovalCause.SUPERSEDED);
        }
    }

    private void install(long high, long low, DispatchUpdate update, long now) {
        switch (update.kind()) {
            case LOCK: {
                long expiry = now + settings.lockTtl().toNanos();
                table.put(high, low, RegisterState.LOCK, update.stamp(), -1, 0, 0);
                lockExpiries.add(high, low, update.stamp(), expiry);
                listener.lockPlaced(new ClientLock(SessionKey.unpack(high, low), update.stamp()));
                break;
            }
            case PLACE:
            case MARK: {
                table.put(high, low, RegisterState.ENTRY, update.stamp(), update.server(), update.flags(),
                        update.idleMask());
                listener.sessionPlaced(new SessionEntry(SessionKey.unpack(high, low), update.server(), update.stamp(),
                        update.flags(), update.idleMask()));
                if (!earlyTerminations.isEmpty()) {
                    applyEarlyTermination(high, low, now);
                }
                if (update.flags() == 0 && update.idleMask() == 0) {
                    break; // a fresh placement: no FIN, RST or idle report that could end it yet
                }
                // The listener runs foreign code; find the slot again rather than trust the one put returned.
                int slot = table.find(high, low);
                if (slot >= 0) {
                    evaluateEnd(slot, high, low, now);
                }
                break;
            }
            case REMOVE:
                writeTombstone(high, low, update.stamp(), now);
                break;
            default:
                throw new IllegalStateException("unexpected update " + update);
        }
    }

    @Override
    public void writeSnapshot(Consumer<DispatchUpdate> out) {
        table.forEachSlot(slot -> out.accept(snapshotOf(slot)));
    }

    private DispatchUpdate snapshotOf(int slot) {
        long high = table.keyHigh(slot);
        long low = table.keyLow(slot);
        switch (table.state(slot)) {
            case LOCK:
                return DispatchUpdate.lock(high, low, table.stamp(slot));
            case ENTRY:
                return DispatchUpdate.place(high, low, table.stamp(slot), table.server(slot), table.flags(slot),
                        table.idleMask(slot));
            default:
                return DispatchUpdate.remove(high, low, table.stamp(slot));
        }
    }

    /** @return this dispatcher's id */
    public int id() {
        return id;
    }

    /** @return whether bulk sync is complete and the dispatcher decides on packets */
    public boolean isReady() {
        return ready;
    }

    public DispatchSettings settings() {
        return settings;
    }

    public DispatcherCounters counters() {
        return counters;
    }

    /** @return the local table, for queries on this dispatcher's thread */
    public DispatchTable table() {
        return table;
    }

    /** @return the session's entry in the local table, if any */
    public Optional<SessionEntry> lookup(SessionKey key) {
        int slot = table.find(key.high(), key.low());
        return slot >= 0 && table.state(slot) == RegisterState.ENTRY ? Optional.of(table.entryAt(slot)) : Optional.empty();
    }

    /** @return the client's lock in the local table, if any */
    public Optional<ClientLock> lockOf(SessionKey key) {
        int slot = table.find(key.high(), key.low());
        return slot >= 0 && table.state(slot) == RegisterState.LOCK ? Optional.of(table.lockAt(slot)) : Optional.empty();
    }

    /** @return every session entry (allocates; for queries) */
    public List<SessionEntry> sessions() {
        List<SessionEntry> result = new ArrayList<>(table.entryCount());
        table.forEachEntry(result::add);
        return result;
    }

    @Override
    public String toString() {
        return "Dispatcher " + id + " (" + table.entryCount() + " sessions, " + table.lockCount() + " locks)";
    }
}
