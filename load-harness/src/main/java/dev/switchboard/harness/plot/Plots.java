package dev.switchboard.harness.plot;

import dev.switchboard.harness.report.RunResult;
import dev.switchboard.harness.report.SummaryText;
import dev.switchboard.harness.stats.LatencySummary;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/** The charts of docs/benchmarks.md, drawn from result files. */
public final class Plots {
    private Plots() {
    }

    /**
     * @param results runs; their k and set-up rate are plotted (median per k)
     * @param targetPerSecond horizontal target line, 0 for none
     * @param width image width
     * @param height image height
     * @return the set-up rate vs k bar chart
     */
    public static BufferedImage setupRateVsK(List<RunResult> results, double targetPerSecond, int width, int height) {
        SortedMap<Integer, List<Double>> byK = new TreeMap<>();
        for (RunResult r : results) {
            byK.computeIfAbsent(r.setup().dispatchers(), k -> new ArrayList<>())
                    .add(r.sessions().setupRatePerSecond());
        }
        return SetupRateChart.draw("Session set-up rate vs dispatchers (bar: median of runs, dot: one run)", byK,
                targetPerSecond, width, height);
    }

    /**
     * @param results runs; one curve per label (the run with the median p99 when several share a label)
     * @param targetMicros vertical target line, 0 for none
     * @param tailScale tail-stretched y axis
     * @param width image width
     * @param height image height
     * @return the packet-in to packet-out latency CDF
     */
    public static BufferedImage latencyCdf(List<RunResult> results, double targetMicros, boolean tailScale,
                                           int width, int height) {
        return CdfChart.draw("Packet-in to packet-out latency (CDF)", "latency (log scale)",
                series(results, RunResult::packetInToPacketOut), targetMicros,
                "target p99 " + Formats.micros(targetMicros), tailScale, width, height);
    }

    /**
     * @param results runs; one curve per label (the run with the median p99 when several share a label); runs
     *                with k=1 are left out
     * @param targetMicros vertical target line, 0 for none
     * @param tailScale tail-stretched y axis
     * @param width image width
     * @param height image height
     * @return the replication-lag CDF (first to last dispatcher holding the session rule)
     */
    public static BufferedImage replicationLagCdf(List<RunResult> results, double targetMicros, boolean tailScale,
                                                  int width, int height) {
        // With one dispatcher there is nothing to replicate: its lag is 0 by definition and would only clutter.
        List<RunResult> mirrored = results.stream().filter(r -> r.setup().dispatchers() > 1).toList();
        return CdfChart.draw("Replication lag: first to last dispatcher receiving the session rule (CDF)",
                "lag (log scale)", series(mirrored, RunResult::replicationLag), targetMicros,
                "target p99 " + Formats.micros(targetMicros), tailScale, width, height);
    }

    /**
     * @return one series per distinct label in order of first appearance; for repeated runs of one label the run
     *         whose p99 is the median represents them
     */
    static List<Series> series(List<RunResult> results, Function<RunResult, LatencySummary> metric) {
        Map<String, List<RunResult>> byLabel = new LinkedHashMap<>();
        for (RunResult r : results) {
            byLabel.computeIfAbsent(r.label(), l -> new ArrayList<>()).add(r);
        }
        List<Series> series = new ArrayList<>();
        for (Map.Entry<String, List<RunResult>> e : byLabel.entrySet()) {
            List<RunResult> runs = new ArrayList<>(e.getValue());
            runs.sort(Comparator.comparingDouble(r -> metric.apply(r).p99Micros()));
            LatencySummary chosen = metric.apply(runs.get((runs.size() - 1) / 2));
            String label = e.getKey() + "  p99 " + SummaryText.micros(chosen.p99Micros())
                    + (runs.size() > 1 ? " (median of " + runs.size() + ")" : "");
            series.add(new Series(label, chosen.cdf() == null ? List.of() : chosen.cdf()));
        }
        return series;
    }
}
