package dev.switchboard.harness.config;

/**
 * One dispatcher switch of the configuration.
 *
 * @param id dispatcher id (1..255)
 * @param dpid datapath id of its switch
 * @param trunkPort the port towards the router: the in_port of every emulated connection request
 * @param sanPort the port towards the SAN switch
 * @param sanSwitchPort the SAN switch's port towards this dispatcher
 */
public record DispatcherSpec(int id, long dpid, int trunkPort, int sanPort, int sanSwitchPort) {
}
