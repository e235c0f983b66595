package dev.switchboard.controller.config;

/**
 * Where switches connect ({@code openflow}).
 *
 * @param listen IP address literal to listen on
 * @param port TCP port; 0 picks a free port (tests)
 */
public record OpenFlowConfig(String listen, int port) {
    /** Loopback only, so that a fresh install is not reachable from the network. */
    public static final String DEFAULT_LISTEN = "127.0.0.1";
    /** The IANA OpenFlow port. */
    public static final int DEFAULT_PORT = 6653;

    /** @return {@value #DEFAULT_LISTEN}:{@value #DEFAULT_PORT} */
    public static OpenFlowConfig defaults() {
        return new OpenFlowConfig(DEFAULT_LISTEN, DEFAULT_PORT);
    }
}
