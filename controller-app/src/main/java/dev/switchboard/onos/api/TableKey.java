package dev.switchboard.onos.api;

import dev.switchboard.dispatch.model.SessionKey;

/**
 * The key of one dispatch-table register in the distributed store: a session key in its packed form (two
 * longs), which is what dispatchers and updates carry and what serializes compactly.
 */
public final class TableKey {
    private final long high;
    private final long low;

    private TableKey(long high, long low) {
        this.high = high;
        this.low = low;
    }

    /** @return the key of a packed session key */
    public static TableKey of(long high, long low) {
        return new TableKey(high, low);
    }

    /** @return the key of a session */
    public static TableKey of(SessionKey key) {
        return new TableKey(key.high(), key.low());
    }

    public long high() {
        return high;
    }

    public long low() {
        return low;
    }

    /**
     * @return the session this key packs
     * @throws IllegalArgumentException when the packed protocol is unknown
     */
    public SessionKey sessionKey() {
        return SessionKey.unpack(high, low);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableKey && ((TableKey) o).high == high && ((TableKey) o).low == low;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high * 31 + low);
    }

    @Override
    public String toString() {
        try {
            return sessionKey().toString();
        } catch (IllegalArgumentException e) {
            return String.format("key(0x%x, 0x%x)", high, low);
        }
    }
}
