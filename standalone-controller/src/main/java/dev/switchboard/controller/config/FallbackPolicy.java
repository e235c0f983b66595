package dev.switchboard.controller.config;

/** What happens to a non-request packet with no session entry and no lock ({@code dispatch.fallback}). */
public enum FallbackPolicy implements ConfigEnum {
    /** Drop it and count it. */
    DROP("drop"),
    /** Send it to the server a consistent hash of the client picks. */
    CONSISTENT_HASH("consistent-hash");

    private final String configName;

    FallbackPolicy(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
