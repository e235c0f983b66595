package dev.switchboard.dispatch.table;

import dev.switchboard.dispatch.model.SessionKey;

import java.util.Objects;

/**
 * A client lock (claims 32-38, 44): the locking dispatcher is selecting a server for this client, and
 * every other dispatcher forwards the client's packets to it until the entry arrives or the lock
 * expires.
 */
public final class ClientLock {
    private final SessionKey key;
    private final long stamp;

    /**
     * @param key the client's session
     * @param stamp the lock's version; its low byte is the locking dispatcher
     */
    public ClientLock(SessionKey key, long stamp) {
        this.key = Objects.requireNonNull(key, "key");
        this.stamp = stamp;
    }

    public SessionKey key() {
        return key;
    }

    public long stamp() {
        return stamp;
    }

    /** @return the id of the locking dispatcher */
    public int lockedBy() {
        return Stamp.dispatcher(stamp);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientLock && ((ClientLock) o).key.equals(key) && ((ClientLock) o).stamp == stamp;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, stamp);
    }

    @Override
    public String toString() {
        return "lock " + key + " by dispatcher " + lockedBy();
    }
}
