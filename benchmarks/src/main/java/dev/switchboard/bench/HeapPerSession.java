package dev.switchboard.bench;

import dev.switchboard.dispatch.Dispatcher;
import dev.switchboard.dispatch.TcpFlags;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Measures retained heap per session: heap used after a full GC, before and after a dispatcher
 * places N sessions (default 1,000,000). Run with a fixed heap so that the measurement is not noise:
 * {@code java -Xms4g -Xmx4g -cp benchmarks/target/benchmarks.jar dev.switchboard.bench.HeapPerSession}.
 */
public final class HeapPerSession {
    private HeapPerSession() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = settledHeap(memory);
        Dispatcher d = DispatcherBenchmark.newDispatcher(BenchCatalog.create(), 0);
        for (int i = 0; i < sessions; i++) {
            d.onPacket(6, BenchCatalog.clientAddress(i), BenchCatalog.clientPort(i), BenchCatalog.VIP,
                    BenchCatalog.PORT, TcpFlags.SYN);
        }
        long after = settledHeap(memory);
        if (d.table().entryCount() != sessions) {
            throw new IllegalStateException("expected " + sessions + " sessions, table has " + d.table().entryCount());
        }
        System.out.printf("sessions=%d registers=%d heap_delta_bytes=%d bytes_per_session=%.1f%n", sessions,
                d.table().registerCount(), after - before, (after - before) / (double) sessions);
    }

    private static long settledHeap(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
