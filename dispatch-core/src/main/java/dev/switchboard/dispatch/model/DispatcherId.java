package dev.switchboard.dispatch.model;

/**
 * Dispatcher identities are small integers (0 to {@link #MAX}) so that tables can pack them next to
 * version numbers and keep per-dispatcher flags in one {@code long} bit set.
 */
public final class DispatcherId {
    /** Highest dispatcher id; 64 dispatchers fit one bit set. */
    public static final int MAX = 63;

    private DispatcherId() {
    }

    /**
     * @param id a proposed dispatcher id
     * @return the id
     * @throws IllegalArgumentException when it is outside 0..{@link #MAX}
     */
    public static int check(int id) {
        if (id < 0 || id > MAX) {
            throw new IllegalArgumentException("dispatcher id must be 0.." + MAX + ", was " + id);
        }
        return id;
    }
}
