package dev.switchboard.rules;

import dev.switchboard.dispatch.model.SessionKey;

/**
 * Deterministic rule cookies: {@code 0x5b} (app id) in the top byte, the {@link RuleKind} in the next byte
 * and a 48-bit hash of the rule's identity below. The same rule compiled on any controller instance, in
 * any JVM, gets the same cookie, so cookies can be compared across restarts and replicas and a whole kind
 * can be deleted with one cookie-masked flow delete ({@link #KIND_MASK}).
 */
public final class Cookies {
    /** Cookie mask selecting app id and kind: with it, a flow delete removes every rule of one kind. */
    public static final long KIND_MASK = 0xffff_0000_0000_0000L;
    /** Cookie mask selecting the app id only. */
    public static final long APP_MASK = 0xff00_0000_0000_0000L;

    private static final long HASH_MASK = 0x0000_ffff_ffff_ffffL;
    private static final long SEED = 0x5b5b_5b5b_5b5b_5b5bL;

    private Cookies() {
    }

    /**
     * @param kind what the rule is for
     * @param identity the parts that make the rule unique within its kind on one switch
     * @return the cookie
     */
    public static long of(RuleKind kind, long... identity) {
        return prefix(kind) | (hash(identity) & HASH_MASK);
    }

    /** @return the cookie of a session or lock-redirect rule: a hash of the packed session key */
    public static long forSession(RuleKind kind, SessionKey key) {
        return forSession(kind, key.high(), key.low());
    }

    /**
     * The cookie of a session or lock-redirect rule from the packed key ({@link SessionKey#packHigh},
     * {@link SessionKey#packLow}); equal to {@code of(kind, keyHigh, keyLow)} but without the varargs array,
     * for encoders that run once per new session.
     */
    public static long forSession(RuleKind kind, long keyHigh, long keyLow) {
        return prefix(kind) | (mixIn(mixIn(SEED, keyHigh), keyLow) & HASH_MASK);
    }

    /** @return the cookie bits that every rule of this kind shares (use with {@link #KIND_MASK}) */
    public static long prefix(RuleKind kind) {
        return ((long) RuleConstants.APP_ID << 56) | ((long) kind.code() << 48);
    }

    /** @return whether a cookie carries Switchboard's app id */
    public static boolean isSwitchboard(long cookie) {
        return (cookie >>> 56) == RuleConstants.APP_ID;
    }

    /**
     * @param cookie a cookie reported by a switch
     * @return the rule kind, or {@code null} when the cookie is not a Switchboard cookie
     */
    public static RuleKind kindOf(long cookie) {
        return isSwitchboard(cookie) ? RuleKind.fromCode((int) ((cookie >>> 48) & 0xff)) : null;
    }

    /** @return the cookie as 0x-prefixed, zero-padded hex, for logs and error messages */
    public static String format(long cookie) {
        return String.format("0x%016x", cookie);
    }

    // A fixed mixing function (MurmurHash3's 64-bit finaliser) rather than Object.hashCode(), which the
    // JVM may change: cookies must be equal across JVMs and versions.
    private static long hash(long... parts) {
        long h = SEED;
        for (long part : parts) {
            h = mixIn(h, part);
        }
        return h;
    }

    private static long mixIn(long h, long part) {
        return mix(h ^ mix(part + 0x9e37_79b9_7f4a_7c15L));
    }

    private static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 33)) * 0xff51_afd7_ed55_8ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ce_b9fe_1a85_ec53L;
        return z ^ (z >>> 33);
    }
}
