package dev.switchboard.harness.openflow;

/** What an emulated switch stands for in the topology of docs/topology.md. */
public enum SwitchRole {
    /** The router in front of the trunk. */
    ROUTER,
    /** A dispatcher switch: receives connection requests from the trunk, gets the session rules. */
    DISPATCHER,
    /** The system-area-network switch in front of the servers. */
    SAN
}
