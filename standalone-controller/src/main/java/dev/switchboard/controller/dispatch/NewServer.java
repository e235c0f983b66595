package dev.switchboard.controller.dispatch;

/**
 * A server an operator adds at run time.
 *
 * @param name unique name
 * @param ip IPv4 address as a big-endian int
 * @param mac MAC address, or {@link dev.switchboard.dispatch.model.MacAddress#UNKNOWN}
 * @param sanSwitchPort the SAN switch port it is cabled to
 * @param weight relative capacity, 1 to {@link dev.switchboard.dispatch.model.Server#MAX_WEIGHT}
 * @param group the group to add it to, or {@code null}
 */
public record NewServer(String name, int ip, long mac, int sanSwitchPort, int weight, String group) {
}
