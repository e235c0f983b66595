package dev.switchboard.harness.openflow;

/**
 * What the dispatcher switches observe of the controller's answers to connection requests. Called on the
 * event loop that owns every emulated switch, so implementations need no synchronization and must not block.
 */
public interface DispatcherEvents {
    /**
     * A PACKET_OUT arrived.
     *
     * @param dispatcher index of the receiving dispatcher
     * @param clientKey {@link ClientKeys key} of the packet's source
     * @param nanos {@link System#nanoTime()} of the read that delivered it
     */
    void packetOut(int dispatcher, long clientKey, long nanos);

    /**
     * A FLOW_MOD installing a session rule arrived ({@link FlowModView#isSessionRule()}).
     *
     * @param dispatcher index of the receiving dispatcher
     * @param clientKey {@link ClientKeys key} of the rule's ipv4_src and tcp_src
     * @param nanos {@link System#nanoTime()} of the read that delivered it
     */
    void sessionRule(int dispatcher, long clientKey, long nanos);

    /** A read from the controller was processed: a good moment to flush what the events queued. */
    void readComplete();
}
