package dev.switchboard.onos;

/** Names and defaults of the {@link DispatchManager}'s component configuration properties. */
public final class OsgiPropertyConstants {
    public static final String STRATEGY = "strategy";
    public static final String STRATEGY_DEFAULT = "least-load";

    public static final String LOCK_TTL_MILLIS = "lockTtlMillis";
    public static final int LOCK_TTL_MILLIS_DEFAULT = 2000;

    public static final String IDLE_TIMEOUT_SECONDS = "idleTimeoutSeconds";
    public static final int IDLE_TIMEOUT_SECONDS_DEFAULT = 60;

    public static final String FIN_LINGER_MILLIS = "finLingerMillis";
    public static final int FIN_LINGER_MILLIS_DEFAULT = 200;

    public static final String FALLBACK = "fallback";
    public static final String FALLBACK_DEFAULT = "drop";

    public static final String TOMBSTONE_RETENTION_SECONDS = "tombstoneRetentionSeconds";
    public static final int TOMBSTONE_RETENTION_SECONDS_DEFAULT = 30;

    public static final String TICK_MILLIS = "tickMillis";
    public static final int TICK_MILLIS_DEFAULT = 50;

    /** Registers a dispatcher's table may hold before new connection requests are refused; 0: no limit. */
    public static final String MAX_SESSIONS = "maxSessions";
    public static final int MAX_SESSIONS_DEFAULT = 0;

    private OsgiPropertyConstants() {
    }
}
