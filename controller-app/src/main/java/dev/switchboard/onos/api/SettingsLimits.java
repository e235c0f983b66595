package dev.switchboard.onos.api;

import dev.switchboard.dispatch.DispatchSettings;

/**
 * The ranges of the dispatch settings an operator may set live (docs/api.md, "Dispatch settings"), shared by the
 * northbound API, which names the field of a bad value, and the manager, which checks again before it applies.
 */
public final class SettingsLimits {
    /** Longest lock lifetime: a tombstone must outlive any lock, or a late lock could resurrect a session. */
    public static final int MAX_LOCK_TTL_MILLIS = 30_000;
    /** Longest idle timeout: OpenFlow idle timeouts are 16-bit seconds. */
    public static final int MAX_IDLE_TIMEOUT_SECONDS = 0xffff;
    /** Longest FIN linger. */
    public static final int MAX_FIN_LINGER_MILLIS = 600_000;

    private SettingsLimits() {
    }

    /** @return the longest lock TTL under these settings: at most the tombstone retention */
    public static int maxLockTtlMillis(DispatchSettings current) {
        return (int) Math.min(MAX_LOCK_TTL_MILLIS, current.tombstoneRetention().toMillis());
    }

    /**
     * @param wanted the settings to apply
     * @param current the settings in force (their tombstone retention bounds the lock TTL)
     * @throws OperationRefused naming the first value out of range
     */
    public static void check(DispatchSettings wanted, DispatchSettings current) {
        range("lockTtlMillis", wanted.lockTtl().toMillis(), 1, maxLockTtlMillis(current));
        range("idleTimeoutSeconds", wanted.idleTimeout().toSeconds(), 1, MAX_IDLE_TIMEOUT_SECONDS);
        range("finLingerMillis", wanted.finLinger().toMillis(), 0, MAX_FIN_LINGER_MILLIS);
    }

    /** @return whether two settings agree on everything an operator sets live */
    public static boolean sameLiveSettings(DispatchSettings a, DispatchSettings b) {
        return a.strategy() == b.strategy() && a.fallback() == b.fallback() && a.lockTtl().equals(b.lockTtl())
                && a.idleTimeout().equals(b.idleTimeout()) && a.finLinger().equals(b.finLinger());
    }

    private static void range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw OperationRefused.invalid(field, field + ": " + value + " is out of range " + min + ".." + max);
        }
    }
}
