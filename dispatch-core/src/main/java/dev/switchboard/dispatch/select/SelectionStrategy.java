package dev.switchboard.dispatch.select;

import java.util.Locale;

/** The selection strategies an operator can choose, by their configuration names. */
public enum SelectionStrategy {
    /** Fewest live sessions per unit of weight, penalised by reported load (claim 42). */
    LEAST_LOAD("least-load"),
    /** Smooth weighted round-robin. */
    WEIGHTED_ROUND_ROBIN("weighted-round-robin"),
    /** Maglev lookup table over the key: the same client lands on the same server. */
    CONSISTENT_HASH("consistent-hash");

    private final String configName;

    SelectionStrategy(String configName) {
        this.configName = configName;
    }

    /** @return the name used in configuration files and the API */
    public String configName() {
        return configName;
    }

    /** @return a new selector of this strategy, for one dispatcher */
    public ServerSelector newSelector() {
        switch (this) {
            case LEAST_LOAD:
                return new LeastLoadSelector();
            case WEIGHTED_ROUND_ROBIN:
                return new WeightedRoundRobinSelector();
            default:
                return new MaglevSelector(false);
        }
    }

    /**
     * @param name a configuration name such as {@code least-load}
     * @return the strategy
     * @throws IllegalArgumentException listing the valid names
     */
    public static SelectionStrategy fromConfigName(String name) {
        for (SelectionStrategy s : values()) {
            if (s.configName.equals(name == null ? null : name.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown selection strategy '" + name
                + "' (want least-load, weighted-round-robin or consistent-hash)");
    }
}
