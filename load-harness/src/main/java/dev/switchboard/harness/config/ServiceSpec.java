package dev.switchboard.harness.config;

/**
 * A load-balanced service: connection requests of the harness go to its VIP and port.
 *
 * @param name service name
 * @param vip virtual IPv4 address as an int
 * @param protocol {@code tcp} or {@code udp}
 * @param port service port
 */
public record ServiceSpec(String name, int vip, String protocol, int port) {
    /** @return whether the service is TCP (the harness sends TCP SYNs) */
    public boolean isTcp() {
        return "tcp".equals(protocol);
    }
}
