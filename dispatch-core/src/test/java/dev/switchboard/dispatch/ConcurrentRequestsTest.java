package dev.switchboard.dispatch;

import static dev.switchboard.dispatch.Fixtures.CLIENT;
import static dev.switchboard.dispatch.Fixtures.TCP;
import static dev.switchboard.dispatch.Fixtures.VIP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.dispatch.replication.InProcessReplication;
import dev.switchboard.dispatch.table.SessionEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Real threads: dispatchers on their own executors, joined by the in-process store, receive first
 * packets of the same clients at the same moment.
 */
class ConcurrentRequestsTest {
    private static final int DISPATCHERS = 4;
    private final ServiceCatalog catalog = Fixtures.catalog();
    private final List<ExecutorService> executors = new ArrayList<>();
    private final InProcessReplication store = new InProcessReplication();
    private final List<Dispatcher> dispatchers = new ArrayList<>();

    @AfterEach
    void stopExecutors() {
        executors.forEach(ExecutorService::shutdownNow);
    }

    private void start() throws Exception {
        for (int id = 1; id <= DISPATCHERS; id++) {
            ExecutorService executor = Executors.newSingleThreadExecutor();
            executors.add(executor);
            Dispatcher d = new Dispatcher(id, DispatchSettings.defaults(), () -> catalog, NanoClock.SYSTEM,
                    DispatchTableListener.NONE, Dispatcher.incarnationNow());
            int dispatcherId = id;
            executor.submit(() -> d.connect(store.join(dispatcherId, executor, d))).get();
            dispatchers.add(d);
        }
        for (int i = 0; i < DISPATCHERS; i++) {
            Dispatcher d = dispatchers.get(i);
            awaitOn(i, d::isReady, "dispatcher " + d.id() + " ready");
        }
    }

    private <T> T on(int i, Callable<T> task) throws Exception {
        return executors.get(i).submit(task).get(10, TimeUnit.SECONDS);
    }

    private void awaitOn(int i, Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!on(i, condition)) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    @DisplayName("simultaneous first packets of one client at every dispatcher end with one server everywhere")
    void simultaneousRequestsConvergeOnOneServer() throws Exception {
        start();
        int clients = 300;
        CyclicBarrier barrier = new CyclicBarrier(DISPATCHERS);
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (int i = 0; i < DISPATCHERS; i++) {
            Dispatcher d = dispatchers.get(i);
            ExecutorService executor = executors.get(i);
            runs.add(CompletableFuture.runAsync(() -> {
                for (int c = 0; c < clients; c++) {
                    int port = 50000 + c;
                    try {
                        barrier.await(10, TimeUnit.SECONDS);
                        executor.submit(() -> d.onPacket(TCP, CLIENT, port, VIP, 80, TcpFlags.SYN)).get();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }
        CompletableFuture.allOf(runs.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);

        for (int c = 0; c < clients; c++) {
            SessionKey key = SessionKey.of(Protocol.TCP, CLIENT, 50000 + c, VIP, 80);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                Set<Optional<SessionEntry>> seen = new HashSet<>();
                for (int i = 0; i < DISPATCHERS; i++) {
                    Dispatcher d = dispatchers.get(i);
                    seen.add(on(i, () -> d.lookup(key)));
                }
                if (seen.size() == 1 && seen.iterator().next().isPresent()) {
                    break;
                }
                assertThat(System.nanoTime()).as("tables agree on %s: %s", key, seen).isLessThan(deadline);
                Thread.onSpinWait();
            }
        }
        long conflicts = 0;
        for (Dispatcher d : dispatchers) {
            conflicts += d.counters().get(DispatcherCounters.Counter.CONFLICTS_RESOLVED);
        }
        assertThat(conflicts).as("the race really happened").isPositive();
    }

    @Test
    @DisplayName("a dispatcher joining under load receives every session placed before and during its sync")
    void joinUnderLoadMissesNothing() throws Exception {
        start();
        ExecutorService loadExecutor = executors.get(0);
        Dispatcher loaded = dispatchers.get(0);
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
            for (int c = 0; c < 2000; c++) {
                int port = 10000 + c;
                try {
                    loadExecutor.submit(() -> loaded.onPacket(TCP, CLIENT, port, VIP, 8080, TcpFlags.SYN)).get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        ExecutorService joinerExecutor = Executors.newSingleThreadExecutor();
        executors.add(joinerExecutor);
        Dispatcher joiner = new Dispatcher(9, DispatchSettings.defaults(), () -> catalog, NanoClock.SYSTEM,
                DispatchTableListener.NONE, Dispatcher.incarnationNow());
        joinerExecutor.submit(() -> joiner.connect(store.join(9, joinerExecutor, joiner))).get();
        load.get(60, TimeUnit.SECONDS);

        int joinerIndex = executors.size() - 1;
        awaitOn(joinerIndex, () -> joiner.table().entryCount() == 2000, "joiner holds all 2000 sessions");
        awaitOn(joinerIndex, joiner::isReady, "joiner ready");
    }
}
