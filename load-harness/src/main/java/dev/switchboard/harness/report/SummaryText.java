package dev.switchboard.harness.report;

import dev.switchboard.harness.openflow.SwitchCounters;
import dev.switchboard.harness.stats.HeapPerSession;
import dev.switchboard.harness.stats.LatencySummary;
import dev.switchboard.harness.stats.ProcessUsage;

import java.util.Locale;

/** The human-readable summary of a run, printed after it. */
public final class SummaryText {
    /** Classes named in the summary line; the result file lists {@value HeapPerSession#TOP}. */
    private static final int TOP_IN_SUMMARY = 5;
    private static final double MIB = 1 << 20;

    private SummaryText() {
    }

    /** @return a few aligned lines with the headline figures */
    public static String of(RunResult r) {
        StringBuilder b = new StringBuilder();
        RunResult.Setup s = r.setup();
        RunResult.Sessions n = r.sessions();
        line(b, "run", r.label() + " (" + s.mode() + ", k=" + s.dispatchers() + ", " + s.service() + " " + s.vip()
                + ":" + s.port() + ", warm-up " + fmt(s.warmupSeconds()) + " s excluded)");
        line(b, "setup rate", String.format(Locale.ROOT, "%,.0f sessions/s over %.1f s (sent %,.0f/s)",
                n.setupRatePerSecond(), n.measuredSeconds(), n.sentRatePerSecond()));
        line(b, "sessions", String.format(Locale.ROOT, "%,d sent, %,d set up, %,d never completed (%,d without "
                        + "packet-out, %,d without all %d rules), %,d skipped (backpressure)",
                n.sent(), n.completed(), n.incomplete(), n.incompleteWithoutPacketOut(),
                n.incompleteWithoutAllRules(), s.dispatchers(), n.skippedBackpressure()));
        latency(b, "pkt-in->pkt-out", r.packetInToPacketOut());
        latency(b, "set-up latency", r.setupLatency());
        latency(b, "replication lag", r.replicationLag());
        RunResult.Stray x = r.stray();
        if (x.unmatchedPacketOuts() + x.misdirectedPacketOuts() + x.unmatchedSessionRules() > 0) {
            line(b, "stray", String.format(Locale.ROOT, "%,d packet-outs and %,d session rules for no session in "
                            + "flight, %,d packet-outs to the wrong dispatcher",
                    x.unmatchedPacketOuts(), x.unmatchedSessionRules(), x.misdirectedPacketOuts()));
            if (n.incomplete() > 0) {
                line(b, "", "answers arrived after --session-timeout (" + s.sessionTimeoutMillis() + " ms): the "
                        + "controller fell behind; lower --rate or use --outstanding");
            }
        }
        long errors = 0;
        for (SwitchCounters.Snapshot c : r.switches()) {
            errors += c.error();
        }
        if (errors > 0) {
            line(b, "errors", errors + " OpenFlow error messages from the controller");
        }
        ProcessUsage p = r.controller();
        if (p != null) {
            line(b, "controller", String.format(Locale.ROOT, "pid %d: CPU %.0f%% (of one core), RSS max %,d MiB, "
                            + "heap used at end %s", p.pid(), p.cpuPercent(), p.rssMaxBytes() >> 20,
                    p.heapUsedBytes() < 0 ? "unknown" : String.format(Locale.ROOT, "%,d MiB",
                            p.heapUsedBytes() >> 20)));
        }
        HeapPerSession h = r.heap();
        if (h != null) {
            heap(b, h);
        }
        return b.toString();
    }

    private static void heap(StringBuilder b, HeapPerSession h) {
        String perSession = Double.isNaN(h.bytesPerSession()) ? "n/a (no sessions)"
                : String.format(Locale.ROOT, "%.1f bytes/session", h.bytesPerSession());
        StringBuilder top = new StringBuilder();
        for (HeapPerSession.ClassDelta d : h.top().subList(0, Math.min(TOP_IN_SUMMARY, h.top().size()))) {
            top.append(top.length() == 0 ? "" : ", ").append(d.className()).append(' ').append(signedBytes(d.bytes()));
        }
        line(b, "heap", String.format(Locale.ROOT, "%,d live sessions: %s (live heap %,d MiB -> %,d MiB, from "
                        + "class histograms); top: %s", h.sessions(), perSession, Math.round(h.idleBytes() / MIB),
                Math.round(h.loadedBytes() / MIB), top));
        if (h.sessionsSent() > h.sessions()) {
            line(b, "", String.format(Locale.ROOT, "%,d requests never completed at the harness; the controller may "
                    + "hold them too, which would make the figure per session too high", h.sessionsSent()
                    - h.sessions()));
        }
    }

    /** @return +231 MiB, -12 KiB, +96 B */
    private static String signedBytes(long bytes) {
        String sign = bytes < 0 ? "-" : "+";
        long abs = Math.abs(bytes);
        if (abs >= 10L << 20) {
            return sign + (abs >> 20) + " MiB";
        }
        if (abs >= 10L << 10) {
            return sign + (abs >> 10) + " KiB";
        }
        return sign + abs + " B";
    }

    private static void latency(StringBuilder b, String name, LatencySummary l) {
        if (l.count() == 0) {
            line(b, name, "no samples");
            return;
        }
        line(b, name, String.format(Locale.ROOT, "p50 %s  p99 %s  p99.9 %s  max %s  (%,d samples)",
                micros(l.p50Micros()), micros(l.p99Micros()), micros(l.p999Micros()), micros(l.maxMicros()),
                l.count()));
    }

    /** @return microseconds with a readable unit: 850 us, 1.27 ms, 2.3 s */
    public static String micros(double us) {
        if (us < 1000) {
            return String.format(Locale.ROOT, "%.0f us", us);
        }
        if (us < 1_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", us / 1000);
        }
        return String.format(Locale.ROOT, "%.2f s", us / 1_000_000);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static void line(StringBuilder b, String name, String value) {
        b.append(String.format(Locale.ROOT, "%-16s %s%n", name, value));
    }
}
