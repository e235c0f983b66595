package dev.switchboard.dispatch;

import java.util.Locale;

/**
 * What a dispatcher does with a packet that is not a connection request and finds neither an entry
 * nor a lock (a mid-stream packet after every dispatcher lost its table, or a stray).
 */
public enum FallbackPolicy {
    /** Drop it and count it; the client's stack retries or resets. */
    DROP("drop"),
    /**
     * Adopt the session: pick a server by consistent hash over the group (draining servers included,
     * since the session may already live there), place and broadcast the entry, forward.
     */
    CONSISTENT_HASH("consistent-hash");

    private final String configName;

    FallbackPolicy(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /**
     * @throws IllegalArgumentException listing the valid names
     */
    public static FallbackPolicy fromConfigName(String name) {
        for (FallbackPolicy p : values()) {
            if (p.configName.equals(name == null ? null : name.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown fallback '" + name + "' (want drop or consistent-hash)");
    }
}
