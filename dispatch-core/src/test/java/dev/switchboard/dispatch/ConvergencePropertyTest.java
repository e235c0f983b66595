package dev.switchboard.dispatch;

import static dev.switchboard.dispatch.Fixtures.CLIENT;
import static dev.switchboard.dispatch.Fixtures.TCP;
import static dev.switchboard.dispatch.Fixtures.VIP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.dispatch.table.ClientLock;
import dev.switchboard.dispatch.table.RegisterState;
import dev.switchboard.dispatch.table.SessionEntry;
import dev.switchboard.dispatch.table.SessionFlags;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random packets, deliveries (delayed, reordered, duplicated), FIN/RST, idle reports, operator
 * terminations, lock expiries and dispatcher restarts over 3 to 8 dispatchers; after quiescence the
 * tables must agree, every session must have one server, no removed entry may survive and no lock may
 * outlive its TTL.
 */
class ConvergencePropertyTest {
    /** One step of a run. */
    static final class Op {
        final int kind;
        final int dispatcher;
        final int client;
        final int arg;

        Op(int kind, int dispatcher, int client, int arg) {
            this.kind = kind;
            this.dispatcher = dispatcher;
            this.client = client;
            this.arg = arg;
        }

        @Override
        public String toString() {
            String[] names = {"syn", "ack", "deliver", "fin", "rst", "idle", "terminate", "tick", "restart"};
            return names[kind] + "(d" + dispatcher + ", c" + client + ", " + arg + ")";
        }
    }

    @Provide
    Arbitrary<List<Op>> runs() {
        Arbitrary<Op> op = Combinators.combine(
                Arbitraries.integers().between(0, 8)
                        .withDistribution(net.jqwik.api.RandomDistribution.uniform()),
                Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 11),
                Arbitraries.integers().between(0, 20)).as(Op::new);
        return op.list().ofMinSize(10).ofMaxSize(160);
    }

    @Property(tries = 300)
    void tablesConvergeAndNoRemovedEntryOrExpiredLockSurvives(
            @ForAll @IntRange(min = 3, max = 8) int dispatcherCount,
            @ForAll("runs") @Size(min = 10) List<Op> ops,
            @ForAll long seed) {
        DispatchSettings settings = DispatchSettings.defaults();
        SimulatedCluster c = SimulatedCluster.of(dispatcherCount, settings, Fixtures.catalog());
        Random random = new Random(seed);
        for (Op op : ops) {
            int id = 1 + op.dispatcher % dispatcherCount;
            int port = 30000 + op.client;
            SessionKey key = SessionKey.of(Protocol.TCP, CLIENT, port, VIP, 80);
            if (!c.isLive(id)) {
                c.join(id);
                continue;
            }
            Dispatcher d = c.get(id);
            switch (op.kind) {
                case 0:
                    d.onPacket(TCP, CLIENT, port, VIP, 80, TcpFlags.SYN);
                    break;
                case 1:
                    d.onPacket(TCP, CLIENT, port, VIP, 80, TcpFlags.ACK);
                    break;
                case 2:
                    for (int i = 0; i < op.arg; i++) {
                        c.deliverOneRandomly(random, 0.2);
                    }
                    break;
                case 3:
                    d.onTermination(key, op.arg % 2 == 0 ? SessionFlags.CLIENT_FIN : SessionFlags.SERVER_FIN);
                    break;
                case 4:
                    d.onTermination(key, SessionFlags.RESET);
                    break;
                case 5:
                    d.onDataPlaneIdle(key);
                    break;
                case 6:
                    d.terminate(key);
                    break;
                case 7:
                    c.clock.advance(Duration.ofMillis(op.arg * 100L));
                    c.tickAll();
                    assertNoLockOutlivesItsTtl(c);
                    break;
                default:
                    if (dispatcherCount > 1 && c.dispatchers().size() > 1) {
                        c.crash(id);
                    }
                    break;
            }
            c.clock.advance(Duration.ofMillis(1));
        }
        for (int id = 1; id <= dispatcherCount; id++) {
            if (!c.isLive(id)) {
                c.join(id);
            }
        }
        c.quiesce(random);

        assertTablesAgree(c);
        assertNoRemovedEntrySurvives(c);
        assertThat(c.dispatchers()).allSatisfy(d -> assertThat(d.table().lockCount()).as("locks after TTL").isZero());
        assertThat(c.dispatchers()).allSatisfy(d -> assertThat(d.isReady()).isTrue());
    }

    private static void assertNoLockOutlivesItsTtl(SimulatedCluster c) {
        long now = c.clock.nanoTime();
        for (Dispatcher d : c.dispatchers()) {
            d.table().forEachSlot(slot -> {
                if (d.table().state(slot) == RegisterState.LOCK) {
                    ClientLock lock = d.table().lockAt(slot);
                    // Every lock a table shows arrived from a peer (an own lock is replaced in the same call).
                    long received = c.events.stream()
                            .filter(e -> e.dispatcher == d.id() && "lockPlaced".equals(e.what) && lock.equals(e.lock))
                            .mapToLong(e -> e.at).max()
                            .orElseThrow(() -> new AssertionError("lock " + lock + " on " + d.id() + " never placed"));
                    assertThat(received + c.settings().lockTtl().toNanos()).as("lock expiry on dispatcher %d", d.id())
                            .isGreaterThan(now);
                }
            });
        }
    }

    private static void assertTablesAgree(SimulatedCluster c) {
        Map<SessionKey, SessionEntry> reference = null;
        for (Dispatcher d : c.dispatchers()) {
            Map<SessionKey, SessionEntry> table = new HashMap<>();
            for (SessionEntry e : d.sessions()) {
                // ignore the idle bits of dispatchers that left: they are per-member observations
                table.put(e.key(), new SessionEntry(e.key(), e.serverIndex(), e.stamp(), e.flags(), 0));
            }
            if (reference == null) {
                reference = table;
            } else {
                assertThat(table).as("table of dispatcher %d", d.id()).isEqualTo(reference);
            }
        }
    }

    private static void assertNoRemovedEntrySurvives(SimulatedCluster c) {
        Set<String> removed = new HashSet<>();
        for (SimulatedCluster.Event e : c.events) {
            if ("removed".equals(e.what) && e.cause != RemovalCause.SUPERSEDED && e.cause != RemovalCause.REPLICATED) {
                removed.add(e.entry.key() + "/" + e.entry.stamp());
            }
        }
        for (Dispatcher d : c.dispatchers()) {
            for (SessionEntry e : d.sessions()) {
                assertThat(removed).as("entry %s on dispatcher %d was removed earlier", e, d.id())
                        .doesNotContain(e.key() + "/" + e.stamp());
                assertThat(SessionFlags.closed(e.flags())).as("closed session %s still on %d", e, d.id()).isFalse();
            }
        }
    }
}
