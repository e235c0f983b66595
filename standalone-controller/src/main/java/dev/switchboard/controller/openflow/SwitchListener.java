package dev.switchboard.controller.openflow;

import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFPortStatus;

/**
 * Receives the events of switches that completed the handshake. This is where the dispatch logic plugs
 * into the OpenFlow layer.
 *
 * <p>Threading: every call for one connection runs on that connection's event loop
 * ({@link SwitchConnection#eventLoop()}), in the order the switch sent the messages. Different switches
 * may be served by different event loops, so state shared between switches needs its own
 * synchronisation, or has to be confined to one loop by hopping onto it. Implementations must not block:
 * a blocked loop stalls every switch that loop serves.
 *
 * <p>Lifecycle: {@link #switchReady} comes first and {@link #switchDisconnected} last for a connection.
 * When a switch reconnects before its old connection is noticed dead, the new connection replaces the
 * old one in the {@link SwitchRegistry} and the old one is closed; its {@code switchDisconnected} may then
 * arrive after the new connection's {@code switchReady}. Compare connections by identity, not by dpid.
 *
 * <p>An exception thrown by a method is logged and does not close the connection. Every method does
 * nothing by default, so implementations override only what they use.
 */
public interface SwitchListener {
    /** The handshake completed: dpid, version and ports are known and the connection is registered. */
    default void switchReady(SwitchConnection connection) {
    }

    /** The connection closed; pending barrier and multipart futures have already failed. */
    default void switchDisconnected(SwitchConnection connection) {
    }

    /**
     * A packet reached the controller (table miss or an explicit output to CONTROLLER). The view is read in place
     * and valid only during this call: copy what must outlive it.
     */
    default void packetIn(SwitchConnection connection, PacketIn packetIn) {
    }

    /** A flow entry with the SEND_FLOW_REM flag was removed (timeout or delete). */
    default void flowRemoved(SwitchConnection connection, OFFlowRemoved flowRemoved) {
    }

    /** A port was added, removed or changed; {@link SwitchConnection#ports()} already shows the change. */
    default void portStatus(SwitchConnection connection, OFPortStatus portStatus) {
    }

    /**
     * The switch reported an error. Errors for a pending barrier or multipart request also fail that
     * request's future; every error is reported here regardless.
     */
    default void error(SwitchConnection connection, OFErrorMsg error) {
    }
}
