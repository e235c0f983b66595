package dev.switchboard.harness.openflow;

/**
 * Messages one emulated switch received from the controller. Written on the event loop only; read through
 * {@link #snapshot()} run on that loop.
 */
public final class SwitchCounters {
    long packetOut;
    long packetOutWithoutClient;
    long flowModAdd;
    long flowModModify;
    long flowModDelete;
    long sessionRules;
    long groupMod;
    long barrier;
    long echo;
    long multipart;
    long error;
    long other;

    /** Immutable copy of the counters of one switch. */
    public record Snapshot(String switchName, long packetOut, long packetOutWithoutClient, long flowModAdd,
                           long flowModModify, long flowModDelete, long sessionRules, long groupMod, long barrier,
                           long echo, long multipart, long error, long other) {
    }

    /**
     * @param name the switch, for reports
     * @return a copy of the counters (call on the event loop)
     */
    public Snapshot snapshot(String name) {
        return new Snapshot(name, packetOut, packetOutWithoutClient, flowModAdd, flowModModify, flowModDelete,
                sessionRules, groupMod, barrier, echo, multipart, error, other);
    }
}
