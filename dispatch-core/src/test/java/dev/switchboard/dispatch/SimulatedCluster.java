package dev.switchboard.dispatch;

import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.replication.DispatchUpdate;
import dev.switchboard.dispatch.replication.ReplicationChannel;
import dev.switchboard.dispatch.table.ClientLock;
import dev.switchboard.dispatch.table.SessionEntry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Dispatchers joined by a simulated network whose deliveries the test controls: all at once, one at
 * a time in random order (reordered across and within senders), or duplicated. One thread, one fake
 * clock: every run is reproducible from its seed.
 */
final class SimulatedCluster {
    /** A message in flight. */
    static final class InFlight {
        final int to;
        final DispatchUpdate update;

        InFlight(int to, DispatchUpdate update) {
            this.to = to;
            this.update = update;
        }
    }

    /** A table change a listener saw, with the dispatcher that saw it. */
    static final class Event {
        final int dispatcher;
        final String what;
        final SessionEntry entry;
        final ClientLock lock;
        final RemovalCause cause;
        /** The cluster clock when the listener heard of it. */
        final long at;

        Event(int dispatcher, String what, SessionEntry entry, ClientLock lock, RemovalCause cause, long at) {
            this.at = at;
            this.dispatcher = dispatcher;
            this.what = what;
            this.entry = entry;
            this.lock = lock;
            this.cause = cause;
        }
    }

    final FakeClock clock = new FakeClock();
    final List<InFlight> inFlight = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    private final Map<Integer, Dispatcher> live = new HashMap<>();
    private final DispatchSettings settings;
    private final Supplier<ServiceCatalog> catalog;
    private long broadcasts;
    private long incarnations;

    SimulatedCluster(DispatchSettings settings, Supplier<ServiceCatalog> catalog) {
        this.settings = settings;
        this.catalog = catalog;
    }

    /** Starts dispatchers 1..n and completes their (empty) bulk syncs. */
    static SimulatedCluster of(int n, DispatchSettings settings, ServiceCatalog catalog) {
        SimulatedCluster cluster = new SimulatedCluster(settings, () -> catalog);
        for (int id = 1; id <= n; id++) {
            cluster.join(id);
        }
        cluster.deliverAll();
        return cluster;
    }

    DispatchSettings settings() {
        return settings;
    }

    Dispatcher get(int id) {
        Dispatcher d = live.get(id);
        if (d == null) {
            throw new IllegalArgumentException("dispatcher " + id + " is not live");
        }
        return d;
    }

    List<Dispatcher> dispatchers() {
        List<Dispatcher> result = new ArrayList<>(live.values());
        result.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return result;
    }

    boolean isLive(int id) {
        return live.containsKey(id);
    }

    long broadcasts() {
        return broadcasts;
    }

    /**
     * Adds a dispatcher: a live peer's table, and copies of what is in flight to that peer, are sent to
     * it, then SYNC_COMPLETE (the in-process store's ordering guarantee).
     */
    Dispatcher join(int id) {
        // Each incarnation starts far above the last one's counter, as wall-clock microseconds would.
        Dispatcher d = new Dispatcher(id, settings, catalog, clock, listenerFor(id), ++incarnations * 1_000_000L);
        d.connect(new ReplicationChannel() {
            @Override
            public void broadcast(DispatchUpdate update) {
                broadcasts++;
                for (int peer : live.keySet()) {
                    if (peer != id) {
                        inFlight.add(new InFlight(peer, update));
                    }
                }
            }

            @Override
            public long liveMembers() {
                long mask = 0;
                for (int peer : live.keySet()) {
                    mask |= 1L << peer;
                }
                return mask;
            }
        });
        Dispatcher peer = dispatchers().isEmpty() ? null : dispatchers().get(0);
        live.put(id, d);
        if (peer == null) {
            d.deliver(DispatchUpdate.syncComplete(id));
        } else {
            List<InFlight> copies = new ArrayList<>();
            for (InFlight m : inFlight) {
                if (m.to == peer.id()) {
                    copies.add(new InFlight(id, m.update));
                }
            }
            peer.writeSnapshot(u -> inFlight.add(new InFlight(id, u)));
            inFlight.add(new InFlight(id, DispatchUpdate.syncComplete(peer.id())));
            inFlight.addAll(copies);
        }
        return d;
    }

    /** Removes a dispatcher as if it crashed: what it sent stays in flight, what it was sent is lost. */
    void crash(int id) {
        live.remove(id);
        inFlight.removeIf(m -> m.to == id);
        for (Dispatcher d : dispatchers()) {
            d.onMembershipChanged();
        }
    }

    private DispatchTableListener listenerFor(int id) {
        return new DispatchTableListener() {
            @Override
            public void sessionPlaced(SessionEntry entry) {
                events.add(new Event(id, "placed", entry, null, null, clock.nanoTime()));
            }

            @Override
            public void sessionRemoved(SessionEntry entry, RemovalCause cause) {
                events.add(new Event(id, "removed", entry, null, cause, clock.nanoTime()));
            }

            @Override
            public void lockPlaced(ClientLock lock) {
                events.add(new Event(id, "lockPlaced", null, lock, null, clock.nanoTime()));
            }

            @Override
            public void lockRemoved(ClientLock lock) {
                events.add(new Event(id, "lockRemoved", null, lock, null, clock.nanoTime()));
            }
        };
    }

    /** Delivers everything in flight, in send order, until nothing is left. */
    void deliverAll() {
        while (!inFlight.isEmpty()) {
            InFlight m = inFlight.remove(0);
            Dispatcher d = live.get(m.to);
            if (d != null) {
                d.deliver(m.update);
            }
        }
    }

    /** Delivers one random message in flight, and sometimes keeps a copy to deliver again later. */
    boolean deliverOneRandomly(Random random, double duplicateProbability) {
        if (inFlight.isEmpty()) {
            return false;
        }
        InFlight m = inFlight.get(random.nextInt(inFlight.size()));
        if (random.nextDouble() >= duplicateProbability) {
            inFlight.remove(m);
        }
        Dispatcher d = live.get(m.to);
        if (d != null) {
            d.deliver(m.update);
        }
        return true;
    }

    /** Delivers everything in random order (with duplicates), then runs expiries, until quiet. */
    void quiesce(Random random) {
        for (int round = 0; round < 4; round++) {
            while (deliverOneRandomly(random, 0.05)) {
                // keep delivering
            }
            clock.advance(settings.lockTtl().plus(settings.finLinger()).plus(settings.removalGrace())
                    .plusMillis(1));
            for (Dispatcher d : dispatchers()) {
                d.tick();
            }
        }
        deliverAll();
    }

    void tickAll() {
        for (Dispatcher d : dispatchers()) {
            d.tick();
        }
    }
}
