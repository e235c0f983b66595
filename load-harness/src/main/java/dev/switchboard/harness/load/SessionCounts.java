package dev.switchboard.harness.load;

/**
 * Counters of the {@link SessionTracker}. "Measured" sessions are those sent inside the measurement window.
 * Written on the event loop only.
 */
public final class SessionCounts {
    /** Measured sessions sent. */
    public long sent;
    /** Measured sessions set up (at any time before the end of the drain). */
    public long completed;
    /** Sessions (measured or warm-up) set up at any time: the sessions the controller holds after the run. */
    public long setUp;
    /** Sessions (measured or warm-up) whose set-up completed inside the measurement window. */
    public long completedInWindow;
    /** Measured sessions that timed out without a packet-out at the ingress dispatcher. */
    public long incompleteWithoutPacketOut;
    /** Measured sessions that timed out with the packet-out but not all k session rules. */
    public long incompleteWithoutAllRules;
    /** Measured incomplete sessions for which at least one dispatcher got the rule (partial replication). */
    public long incompleteWithSomeRules;
    /** Packet-outs for no session in flight (late, after expiry, or not an emulated client). */
    public long unmatchedPacketOuts;
    /** Packet-outs of a session in flight that went to a dispatcher other than its ingress. */
    public long misdirectedPacketOuts;
    /** Second and later packet-outs of one session at its ingress. */
    public long duplicatePacketOuts;
    /** Session rules for no session in flight. */
    public long unmatchedSessionRules;
    /** Second and later session rules of one session at one dispatcher. */
    public long duplicateSessionRules;
    /** {@link System#nanoTime()} of the last completion, 0 before the first. */
    public long lastCompletionNanos;

    /** @return measured sessions that never completed */
    public long incomplete() {
        return incompleteWithoutPacketOut + incompleteWithoutAllRules;
    }
}
