package dev.switchboard.controller.config;

/**
 * A real server ({@code servers[i]}).
 *
 * @param name unique name
 * @param ip IPv4 address as a big-endian int
 * @param mac MAC address, or {@link dev.switchboard.dispatch.model.MacAddress#UNKNOWN} to learn it by ARP
 * @param sanSwitchPort the SAN switch port it is attached to
 * @param weight relative capacity
 */
public record ServerConfig(String name, int ip, long mac, int sanSwitchPort, int weight) {
    /** Weight of a server that does not say. */
    public static final int DEFAULT_WEIGHT = 1;
}
