package dev.switchboard.harness.report;

import dev.switchboard.harness.openflow.SwitchCounters;
import dev.switchboard.harness.stats.HeapPerSession;
import dev.switchboard.harness.stats.LatencySummary;
import dev.switchboard.harness.stats.ProcessUsage;

import java.util.List;

/**
 * Everything one run measured, as written to {@code --json} and read back by {@code plot}.
 *
 * @param tool always {@code switchboard-harness}
 * @param version harness version
 * @param startedAt ISO-8601 start time
 * @param label free text naming the run in plots (default "k=K rate=R" or "k=K outstanding=N")
 * @param command the harness command line
 * @param machine where it ran
 * @param setup what was asked
 * @param sessions how many sessions were set up and how fast
 * @param packetInToPacketOut request sent to packet-out received at the ingress dispatcher
 * @param setupLatency request sent to set up (packet-out and all k session rules)
 * @param replicationLag first to last dispatcher receiving the session rule
 * @param stray controller messages that matched no session in flight
 * @param switches per-switch message counters
 * @param controller controller process figures, {@code null} without {@code --controller-pid}
 * @param heap the controller's live heap per session, {@code null} without {@code --heap-histogram}, when a
 *             histogram failed, and in files written before the option existed
 */
public record RunResult(String tool, String version, String startedAt, String label, String command,
                        Machine machine, Setup setup, Sessions sessions, LatencySummary packetInToPacketOut,
                        LatencySummary setupLatency, LatencySummary replicationLag, Stray stray,
                        List<SwitchCounters.Snapshot> switches, ProcessUsage controller,
                        HeapPerSession heap) {

    /**
     * @param cores available processors
     * @param cpuModel first "model name" of /proc/cpuinfo
     * @param os name and version
     * @param jvm harness JVM
     */
    public record Machine(int cores, String cpuModel, String os, String jvm) {
    }

    /**
     * @param mode {@code open-loop} or {@code closed-loop}
     * @param rate requests per second (open loop)
     * @param outstanding sessions in flight (closed loop)
     * @param dispatchers k
     * @param service service name
     * @param vip VIP, dotted
     * @param port service port
     * @param warmupSeconds excluded from the results
     * @param durationSeconds measured sending time (0 when a session count ended the run)
     * @param sessionLimit session count (0 for none)
     * @param sessionTimeoutMillis after this a session never completes
     * @param controller host:port
     * @param configFile controller configuration read
     * @param firstClient client index of the first session
     */
    public record Setup(String mode, double rate, int outstanding, int dispatchers, String service, String vip,
                        int port, double warmupSeconds, double durationSeconds, long sessionLimit,
                        long sessionTimeoutMillis, String controller, String configFile, long firstClient) {
    }

    /**
     * @param offered requests the generator wanted to send in the run (warm-up included)
     * @param skippedBackpressure of those, not sent because the controller did not read
     * @param sent measured requests sent
     * @param completed measured sessions set up
     * @param completedInWindow sessions set up inside the measurement window
     * @param incomplete measured sessions never set up
     * @param incompleteWithoutPacketOut of those, no packet-out at the ingress dispatcher
     * @param incompleteWithoutAllRules of those, packet-out but fewer than k session rules
     * @param incompleteWithSomeRules incomplete sessions whose rule reached some but not all dispatchers
     * @param measuredSeconds length of the measurement window
     * @param setupRatePerSecond sessions set up per second in the window (the headline figure)
     * @param sentRatePerSecond measured requests sent per second
     */
    public record Sessions(long offered, long skippedBackpressure, long sent, long completed, long completedInWindow,
                           long incomplete, long incompleteWithoutPacketOut, long incompleteWithoutAllRules,
                           long incompleteWithSomeRules, double measuredSeconds, double setupRatePerSecond,
                           double sentRatePerSecond) {
    }

    /**
     * @param unmatchedPacketOuts packet-outs for no session in flight
     * @param misdirectedPacketOuts packet-outs sent to a dispatcher other than the session's ingress
     * @param duplicatePacketOuts repeated packet-outs of a session
     * @param unmatchedSessionRules session rules for no session in flight
     * @param duplicateSessionRules repeated session rules of a session on one dispatcher
     */
    public record Stray(long unmatchedPacketOuts, long misdirectedPacketOuts, long duplicatePacketOuts,
                        long unmatchedSessionRules, long duplicateSessionRules) {
    }
}
