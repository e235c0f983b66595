package dev.switchboard.controller.config;

/**
 * The system area network switch in front of the servers ({@code san}).
 *
 * @param dpid datapath id
 * @param gateway the server gateway the SAN switch answers ARP for
 */
public record SanConfig(long dpid, GatewayConfig gateway) {
}
