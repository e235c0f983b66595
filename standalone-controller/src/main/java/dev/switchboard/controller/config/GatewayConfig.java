package dev.switchboard.controller.config;

/**
 * A gateway address the controller answers ARP for.
 *
 * @param ip IPv4 address as a big-endian int (see {@link dev.switchboard.dispatch.model.Ipv4})
 * @param mac MAC address in the low 48 bits (see {@link dev.switchboard.dispatch.model.MacAddress})
 */
public record GatewayConfig(int ip, long mac) {
}
