package dev.switchboard.controller.openflow;

import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFPortStatus;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records every listener call, in order, so tests can wait for one with a deadline. */
class RecordingListener implements SwitchListener {
    /** One listener call. */
    record Event(String kind, SwitchConnection connection, Object message, Thread thread) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    @Override
    public void switchReady(SwitchConnection connection) {
        events.add(new Event("ready", connection, null, Thread.currentThread()));
    }

    @Override
    public void switchDisconnected(SwitchConnection connection) {
        events.add(new Event("disconnected", connection, null, Thread.currentThread()));
    }

    @Override
    public void packetIn(SwitchConnection connection, PacketIn packetIn) {
        // The view lives only during this call: record the message it holds, decoded.
        events.add(new Event("packetIn", connection, packetIn.decode(), Thread.currentThread()));
    }

    @Override
    public void flowRemoved(SwitchConnection connection, OFFlowRemoved flowRemoved) {
        events.add(new Event("flowRemoved", connection, flowRemoved, Thread.currentThread()));
    }

    @Override
    public void portStatus(SwitchConnection connection, OFPortStatus portStatus) {
        events.add(new Event("portStatus", connection, portStatus, Thread.currentThread()));
    }

    @Override
    public void error(SwitchConnection connection, OFErrorMsg error) {
        events.add(new Event("error", connection, error, Thread.currentThread()));
    }

    /** @return the next event, or {@code null} after the deadline */
    Event next(long timeoutMillis) throws InterruptedException {
        return events.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** @return the next event, failing the test when none comes within five seconds */
    Event next() throws InterruptedException {
        Event event = next(5000);
        if (event == null) {
            throw new AssertionError("no listener event within 5 s");
        }
        return event;
    }

    /** @return the next event of a kind, skipping others, failing when none comes within five seconds */
    Event next(String kind) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            Event event = left > 0 ? next(left) : null;
            if (event == null) {
                throw new AssertionError("no '" + kind + "' event within 5 s");
            }
            if (event.kind().equals(kind)) {
                return event;
            }
        }
    }

    /** @return whether nothing has been recorded that was not taken */
    boolean isEmpty() {
        return events.isEmpty();
    }
}
