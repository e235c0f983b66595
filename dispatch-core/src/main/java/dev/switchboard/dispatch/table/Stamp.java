package dev.switchboard.dispatch.table;

/**
 * Versions of table registers: a Lamport counter in the high 56 bits and the writing dispatcher's id
 * in the low 8. Comparing two stamps as longs orders writes totally and identically on every
 * dispatcher, which is what makes concurrent placements converge to one server everywhere.
 */
public final class Stamp {
    /** Orders before every real stamp. */
    public static final long NONE = 0L;
    /** Largest Lamport counter a stamp can carry. */
    public static final long MAX_COUNTER = (1L << 55) - 1;

    private Stamp() {
    }

    /** @return a stamp for a write by {@code dispatcherId} at Lamport time {@code counter} */
    public static long of(long counter, int dispatcherId) {
        return (counter << 8) | (dispatcherId & 0xff);
    }

    /** @return the Lamport counter part */
    public static long counter(long stamp) {
        return stamp >>> 8;
    }

    /** @return the id of the dispatcher that wrote it */
    public static int dispatcher(long stamp) {
        return (int) (stamp & 0xff);
    }

    /** @return a readable form such as {@code 42@3} */
    public static String format(long stamp) {
        return counter(stamp) + "@" + dispatcher(stamp);
    }
}
