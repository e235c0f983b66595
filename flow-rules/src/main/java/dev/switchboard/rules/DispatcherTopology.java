package dev.switchboard.rules;

import dev.switchboard.dispatch.model.DispatcherId;

/** A dispatcher switch: its dispatcher id, datapath id, trunk port (to the router) and SAN port. */
public final class DispatcherTopology {
    private final int dispatcherId;
    private final long dpid;
    private final int trunkPort;
    private final int sanPort;

    private DispatcherTopology(int dispatcherId, long dpid, int trunkPort, int sanPort) {
        this.dispatcherId = dispatcherId;
        this.dpid = dpid;
        this.trunkPort = trunkPort;
        this.sanPort = sanPort;
    }

    /**
     * @param dispatcherId 0 to 63
     * @param dpid the switch's datapath id
     * @param trunkPort the port linked to the router
     * @param sanPort the port linked to the SAN switch
     * @throws IllegalArgumentException when an id or port is out of range or the ports coincide
     */
    public static DispatcherTopology of(int dispatcherId, long dpid, int trunkPort, int sanPort) {
        DispatcherId.check(dispatcherId);
        String where = String.format("dispatcher %d (dpid 0x%x)", dispatcherId, dpid);
        if (trunkPort < 1 || sanPort < 1) {
            throw new IllegalArgumentException(
                    where + ": ports must be 1 or more, were trunk " + trunkPort + " and SAN " + sanPort);
        }
        if (trunkPort == sanPort) {
            throw new IllegalArgumentException(where + ": trunk and SAN port are both " + trunkPort);
        }
        return new DispatcherTopology(dispatcherId, dpid, trunkPort, sanPort);
    }

    /** @return the dispatcher id, 0 to 63 */
    public int dispatcherId() {
        return dispatcherId;
    }

    /** @return the switch's datapath id */
    public long dpid() {
        return dpid;
    }

    /** @return the port linked to the router */
    public int trunkPort() {
        return trunkPort;
    }

    /** @return the port linked to the SAN switch */
    public int sanPort() {
        return sanPort;
    }

    @Override
    public String toString() {
        return String.format("dispatcher %d (dpid 0x%x, trunk %d, SAN %d)", dispatcherId, dpid, trunkPort, sanPort);
    }
}
