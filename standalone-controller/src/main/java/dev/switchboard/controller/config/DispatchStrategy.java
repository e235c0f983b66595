package dev.switchboard.controller.config;

/** How a dispatcher picks a server for a new session ({@code dispatch.strategy}). */
public enum DispatchStrategy implements ConfigEnum {
    /** The active server with the lowest reported load relative to its weight. */
    LEAST_LOAD("least-load"),
    /** Servers in turn, each as often as its weight says. */
    WEIGHTED_ROUND_ROBIN("weighted-round-robin"),
    /** A hash of the client address onto the servers, stable while membership is. */
    CONSISTENT_HASH("consistent-hash");

    private final String configName;

    DispatchStrategy(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
