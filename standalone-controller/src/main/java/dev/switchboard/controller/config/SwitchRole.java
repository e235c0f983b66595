package dev.switchboard.controller.config;

/** The part a switch plays in the topology of docs/topology.md, known from its datapath id. */
public enum SwitchRole {
    /** The router in front of the dispatchers (trunk SELECT group, client ARP). */
    ROUTER,
    /** One dispatcher's switch. */
    DISPATCHER,
    /** The system area network switch in front of the servers. */
    SAN
}
