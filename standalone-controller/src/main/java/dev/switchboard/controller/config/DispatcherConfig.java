package dev.switchboard.controller.config;

/**
 * One dispatcher and its switch ({@code dispatchers[i]}).
 *
 * @param id dispatcher id, 0 to {@link dev.switchboard.dispatch.model.DispatcherId#MAX}
 * @param dpid datapath id of its switch
 * @param trunkPort its switch's port towards the router
 * @param sanPort its switch's port towards the SAN switch
 * @param sanSwitchPort the SAN switch's port towards it
 */
public record DispatcherConfig(int id, long dpid, int trunkPort, int sanPort, int sanSwitchPort) {
}
