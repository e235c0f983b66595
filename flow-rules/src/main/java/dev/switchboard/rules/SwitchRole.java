package dev.switchboard.rules;

/** The three kinds of switch in a Switchboard network (docs/topology.md). */
public enum SwitchRole {
    /** Connects clients to the trunk of dispatcher links. */
    ROUTER,
    /** One per dispatcher: translates VIP traffic to servers and back. */
    DISPATCHER,
    /** The system area network switch in front of the servers. */
    SAN_SWITCH
}
