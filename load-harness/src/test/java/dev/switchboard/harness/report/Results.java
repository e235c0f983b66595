package dev.switchboard.harness.report;

import dev.switchboard.harness.openflow.SwitchCounters;
import dev.switchboard.harness.stats.LatencySummary;
import org.HdrHistogram.Histogram;

import java.util.List;

/** Synthetic run results for the report and plot tests. */
public final class Results {
    private Results() {
    }

    /**
     * @param k dispatchers
     * @param rate set-up rate
     * @param medianMicros centre of the latency distribution
     * @param label run label
     * @return a result whose latencies spread log-normally-ish around {@code medianMicros}
     */
    public static RunResult of(int k, double rate, double medianMicros, String label) {
        Histogram h = new Histogram(60_000_000_000L, 3);
        for (int i = 1; i <= 10_000; i++) {
            double spread = Math.exp((i - 5000) / 2500.0); // e^-2 .. e^2 around the median
            h.recordValue((long) (medianMicros * spread * 1000));
        }
        h.recordValue((long) (medianMicros * 50 * 1000)); // one outlier
        LatencySummary latency = LatencySummary.of(h);
        Histogram lag = new Histogram(60_000_000_000L, 3);
        for (int i = 1; i <= 1000; i++) {
            lag.recordValue(i * 1000L);
        }
        return new RunResult("switchboard-harness", "test", "2026-01-01T00:00:00Z", label, "test",
                new RunResult.Machine(2, "test cpu", "Linux", "OpenJDK"),
                new RunResult.Setup("open-loop", rate, 0, k, "web", "198.51.100.10", 80, 10, 60, 0, 5000,
                        "127.0.0.1:6653", "cfg.json", 0),
                new RunResult.Sessions((long) (rate * 70), 0, (long) (rate * 60), (long) (rate * 60),
                        (long) (rate * 60), 0, 0, 0, 0, 60, rate, rate),
                latency, latency, LatencySummary.of(lag), new RunResult.Stray(0, 0, 0, 0, 0),
                List.of(new SwitchCounters.Snapshot("dispatcher[0] 0x201", 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0)),
                null, null);
    }
}
