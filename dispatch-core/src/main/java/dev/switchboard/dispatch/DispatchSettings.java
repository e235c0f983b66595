package dev.switchboard.dispatch;

import dev.switchboard.dispatch.select.SelectionStrategy;

import java.time.Duration;
import java.util.Objects;

/** Tunables of the dispatch protocol, immutable, built with named defaults and validated once. */
public final class DispatchSettings {
    /** Long enough for a select-place-broadcast round trip between controller nodes, short enough to unblock. */
    public static final Duration DEFAULT_LOCK_TTL = Duration.ofSeconds(2);
    /** Matches common L4 balancers' TCP established idle timeouts for interactive traffic. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Lets the last ACK after both FINs through before the rules go. */
    public static final Duration DEFAULT_FIN_LINGER = Duration.ofMillis(200);
    /** Largest table pre-sizing: N / 0.6 slots of five longs must still be indexable by an int. */
    public static final int MAX_EXPECTED_SESSIONS = 1 << 26;
    /** Must exceed the longest replication delay, or a late placement could resurrect a removed entry. */
    public static final Duration DEFAULT_TOMBSTONE_RETENTION = Duration.ofSeconds(30);
    /** How long a non-owner waits for the owner to remove an ended session before it does so itself. */
    public static final Duration DEFAULT_REMOVAL_GRACE = Duration.ofSeconds(2);

    private final Duration lockTtl;
    private final Duration idleTimeout;
    private final Duration finLinger;
    private final Duration tombstoneRetention;
    private final Duration removalGrace;
    private final SelectionStrategy strategy;
    private final FallbackPolicy fallback;
    private final int expectedSessions;
    private final int maxSessions;

    private DispatchSettings(Builder b) {
        this.lockTtl = b.lockTtl;
        this.idleTimeout = b.idleTimeout;
        this.finLinger = b.finLinger;
        this.tombstoneRetention = b.tombstoneRetention;
        this.removalGrace = b.removalGrace;
        this.strategy = b.strategy;
        this.fallback = b.fallback;
        this.expectedSessions = b.expectedSessions;
        this.maxSessions = b.maxSessions;
    }

    /** @return settings with every default */
    public static DispatchSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these settings */
    public Builder toBuilder() {
        return new Builder().lockTtl(lockTtl).idleTimeout(idleTimeout).finLinger(finLinger)
                .tombstoneRetention(tombstoneRetention).removalGrace(removalGrace).strategy(strategy)
                .fallback(fallback).expectedSessions(expectedSessions).maxSessions(maxSessions);
    }

    public Duration lockTtl() {
        return lockTtl;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public Duration finLinger() {
        return finLinger;
    }

    public Duration tombstoneRetention() {
        return tombstoneRetention;
    }

    public Duration removalGrace() {
        return removalGrace;
    }

    public SelectionStrategy strategy() {
        return strategy;
    }

    public FallbackPolicy fallback() {
        return fallback;
    }

    public int expectedSessions() {
        return expectedSessions;
    }

    /**
     * @return registers (sessions, locks, tombstones) a table may hold before this dispatcher refuses new
     *         connection requests; 0 for no limit
     */
    public int maxSessions() {
        return maxSessions;
    }

    @Override
    public String toString() {
        return "DispatchSettings{strategy=" + strategy.configName() + ", lockTtl=" + lockTtl + ", idleTimeout="
                + idleTimeout + ", finLinger=" + finLinger + ", fallback=" + fallback.configName() + "}";
    }

    /** Builds settings; {@link #build()} validates every field and names the one that is wrong. */
    public static final class Builder {
        private Duration lockTtl = DEFAULT_LOCK_TTL;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration finLinger = DEFAULT_FIN_LINGER;
        private Duration tombstoneRetention = DEFAULT_TOMBSTONE_RETENTION;
        private Duration removalGrace = DEFAULT_REMOVAL_GRACE;
        private SelectionStrategy strategy = SelectionStrategy.LEAST_LOAD;
        private FallbackPolicy fallback = FallbackPolicy.DROP;
        private int expectedSessions = 1024;
        private int maxSessions;

        public Builder lockTtl(Duration value) {
            this.lockTtl = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            this.idleTimeout = value;
            return this;
        }

        public Builder finLinger(Duration value) {
            this.finLinger = value;
            return this;
        }

        public Builder tombstoneRetention(Duration value) {
            this.tombstoneRetention = value;
            return this;
        }

        public Builder removalGrace(Duration value) {
            this.removalGrace = value;
            return this;
        }

        public Builder strategy(SelectionStrategy value) {
            this.strategy = value;
            return this;
        }

        public Builder fallback(FallbackPolicy value) {
            this.fallback = value;
            return this;
        }

        public Builder expectedSessions(int value) {
            this.expectedSessions = value;
            return this;
        }

        /** @param value registers a table may hold before new connection requests are refused; 0: no limit */
        public Builder maxSessions(int value) {
            this.maxSessions = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the field that is out of range
         */
        public DispatchSettings build() {
            positive("lockTtl", lockTtl);
            positive("idleTimeout", idleTimeout);
            notNegative("finLinger", finLinger);
            positive("tombstoneRetention", tombstoneRetention);
            notNegative("removalGrace", removalGrace);
            Objects.requireNonNull(strategy, "strategy");
            Objects.requireNonNull(fallback, "fallback");
            if (maxSessions < 0) {
                throw new IllegalArgumentException("maxSessions must be >= 0 (0: no limit), was " + maxSessions);
            }
            if (expectedSessions < 0 || expectedSessions > MAX_EXPECTED_SESSIONS) {
                throw new IllegalArgumentException("expectedSessions must be 0 to " + MAX_EXPECTED_SESSIONS
                        + ", was " + expectedSessions);
            }
            if (tombstoneRetention.compareTo(lockTtl) < 0) {
                throw new IllegalArgumentException("tombstoneRetention (" + tombstoneRetention
                        + ") must be at least lockTtl (" + lockTtl + ")");
            }
            return new DispatchSettings(this);
        }

        private static void positive(String name, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
            }
        }

        private static void notNegative(String name, Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, was " + d);
            }
        }
    }
}
