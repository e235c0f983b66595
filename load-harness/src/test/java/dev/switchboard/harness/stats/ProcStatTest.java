package dev.switchboard.harness.stats;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing of /proc and jcmd output, and the sampler against this very JVM. */
class ProcStatTest {
    @Test
    void cpuTicksAreUtimePlusStimeEvenWithAStrangeCommandName() {
        String stat = "2426 (java (x) y) S 1 2420 28937 0 -1 4194304 13350 0 0 0 118 7 0 0 20 0 20 0 187125 "
                + "9189814272 19720 18446744073709551615";
        assertThat(ProcStat.cpuTicks(stat)).isEqualTo(125);
        assertThatThrownBy(() -> ProcStat.cpuTicks("garbage")).hasMessageContaining("not a /proc/PID/stat");
        assertThatThrownBy(() -> ProcStat.cpuTicks("1 (a) S 1 2")).hasMessageContaining("fields");
    }

    @Test
    void rssIsVmRssInBytes() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmRSS:\t   79164 kB\nThreads:\t20\n";
        assertThat(ProcStat.rssBytes(status)).isEqualTo(79164L * 1024);
        assertThatThrownBy(() -> ProcStat.rssBytes("Name:\tjava\n")).hasMessageContaining("VmRSS");
    }

    @Test
    void heapUsedSumsTheTopLevelHeapLines() {
        String g1 = """
                2426:
                 garbage-first heap   total 397312K, used 17621K [0x0000000687400000, 0x0000000800000000)
                  region size 4096K, 4 young (16384K), 0 survivors (0K)
                 Metaspace       used 8935K, committed 9088K, reserved 1114112K
                  class space    used 1062K, committed 1152K, reserved 1048576K
                """;
        assertThat(HeapInfo.parseUsedBytes(g1)).isEqualTo(17621L * 1024);
        String parallel = """
                 PSYoungGen      total 76288K, used 3932K [0x1, 0x2, 0x3)
                  eden space 65536K, 6% used [0x1,0x2,0x3)
                 ParOldGen       total 175104K, used 100K [0x1, 0x2, 0x3)
                 Metaspace       used 1181K, committed 1344K, reserved 1114112K
                """;
        assertThat(HeapInfo.parseUsedBytes(parallel)).isEqualTo((3932L + 100) * 1024);
        assertThat(HeapInfo.parseUsedBytes(" ZHeap           used 8M, capacity 256M, max capacity 4006M\n"))
                .isEqualTo(8L << 20);
        assertThat(HeapInfo.parseUsedBytes("12: no such process\n")).isEqualTo(-1);
    }

    @Test
    void samplesThisProcess() throws Exception {
        long pid = ProcessHandle.current().pid();
        if (!Files.isReadable(Path.of("/proc", Long.toString(pid), "stat"))) {
            throw new AssertionError("these tests run on Linux, which has /proc");
        }
        try (ProcessSampler sampler = new ProcessSampler(pid, 10)) {
            long start = System.nanoTime();
            long until = start + 200_000_000L;
            long spin = 0;
            while (System.nanoTime() < until) {
                spin += System.nanoTime() % 7; // keep a core busy so the CPU figure is clearly above zero
            }
            ProcessUsage usage = sampler.usage(start, System.nanoTime(), 1234);
            assertThat(spin).isNotNegative();
            assertThat(usage.pid()).isEqualTo(pid);
            assertThat(usage.samples()).isGreaterThanOrEqualTo(2);
            assertThat(usage.cpuPercent()).isGreaterThan(20);
            assertThat(usage.rssMaxBytes()).isGreaterThan(1 << 20);
            assertThat(usage.heapUsedBytes()).isEqualTo(1234);
            assertThat(usage.samplingError()).isNull();
        }
        assertThatThrownBy(() -> new ProcessSampler(Integer.MAX_VALUE, 10))
                .hasMessageContaining("--controller-pid " + Integer.MAX_VALUE);
    }
}
