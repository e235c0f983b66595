package dev.switchboard.controller.config;

import java.util.List;

/**
 * The router switch ({@code router}).
 *
 * @param dpid datapath id
 * @param clientPorts ports where clients are attached
 * @param gateway the client gateway the router answers ARP for
 * @param trunk links to the dispatchers
 */
public record RouterConfig(long dpid, List<Integer> clientPorts, GatewayConfig gateway, TrunkConfig trunk) {
    /** Copies the list so that the record is immutable. */
    public RouterConfig {
        clientPorts = List.copyOf(clientPorts);
    }
}
