package dev.switchboard.bench;

import dev.switchboard.dispatch.DispatchSettings;
import dev.switchboard.dispatch.DispatchTableListener;
import dev.switchboard.dispatch.Dispatcher;
import dev.switchboard.dispatch.NanoClock;
import dev.switchboard.dispatch.TcpFlags;
import dev.switchboard.dispatch.Verdict;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.replication.DispatchUpdate;
import dev.switchboard.dispatch.replication.ReplicationChannel;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The two per-packet paths of one dispatcher: a decision on a table hit (every packet of an
 * established session that reaches the controller) and the placement of a new session (lock,
 * select, place, two broadcasts). Broadcasts go to a channel that only counts them, so this measures
 * the dispatcher, not a transport.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g"})
public class DispatcherBenchmark {
    private static final int PLACEMENTS_PER_INVOCATION = 100_000;

    /** A channel that counts broadcasts, standing in for two peers. */
    static final class CountingChannel implements ReplicationChannel {
        long sent;

        @Override
        public void broadcast(DispatchUpdate update) {
            sent++;
        }

        @Override
        public long liveMembers() {
            return 0b1110;
        }
    }

    static Dispatcher newDispatcher(ServiceCatalog catalog, int expected) {
        Dispatcher d = new Dispatcher(1, DispatchSettings.builder().expectedSessions(expected).build(),
                () -> catalog, NanoClock.SYSTEM, DispatchTableListener.NONE, 1);
        d.connect(new CountingChannel());
        d.deliver(DispatchUpdate.syncComplete(1));
        return d;
    }

    /** A dispatcher holding a populated table. */
    @State(Scope.Thread)
    public static class Populated {
        @Param({"1000000"})
        int sessions;
        Dispatcher dispatcher;
        int next;

        @Setup(Level.Trial)
        public void fill() {
            dispatcher = newDispatcher(BenchCatalog.create(), sessions);
            for (int i = 0; i < sessions; i++) {
                dispatcher.onPacket(6, BenchCatalog.clientAddress(i), BenchCatalog.clientPort(i), BenchCatalog.VIP,
                        BenchCatalog.PORT, TcpFlags.SYN);
            }
        }
    }

    /** A fresh dispatcher for each batch of placements, so the table size stays comparable. */
    @State(Scope.Thread)
    public static class Empty {
        Dispatcher dispatcher;

        @Setup(Level.Invocation)
        public void reset() {
            dispatcher = newDispatcher(BenchCatalog.create(), PLACEMENTS_PER_INVOCATION);
        }
    }

    /** A packet of an established session: table lookup, verdict. Target: well under 1 us. */
    @Benchmark
    public Verdict tableHit(Populated state) {
        int i = state.next;
        state.next = i + 1 == state.sessions ? 0 : i + 1;
        return state.dispatcher.onPacket(6, BenchCatalog.clientAddress(i), BenchCatalog.clientPort(i),
                BenchCatalog.VIP, BenchCatalog.PORT, TcpFlags.ACK);
    }

    /** A connection request: lock, broadcast, least-load selection, place, broadcast with lock removal. */
    @Benchmark
    @OperationsPerInvocation(PLACEMENTS_PER_INVOCATION)
    public void placeSession(Empty state, Blackhole hole) {
        Dispatcher d = state.dispatcher;
        for (int i = 0; i < PLACEMENTS_PER_INVOCATION; i++) {
            hole.consume(d.onPacket(6, BenchCatalog.clientAddress(i), BenchCatalog.clientPort(i), BenchCatalog.VIP,
                    BenchCatalog.PORT, TcpFlags.SYN));
        }
    }
}
