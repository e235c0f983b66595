package dev.switchboard.dispatch.table;

import dev.switchboard.dispatch.model.SessionKey;

import java.util.Objects;

/**
 * A session entry as the outside world sees it: client and service (the key) mapped to a selected
 * server. Tables store entries in primitive arrays; this immutable view is made only for events and
 * queries, never on the per-packet path.
 */
public final class SessionEntry {
    private final SessionKey key;
    private final int serverIndex;
    private final long stamp;
    private final int flags;
    private final long idleMask;

    /**
     * @param key the session
     * @param serverIndex catalog index of the selected server
     * @param stamp the placement's version; its low byte is the placing dispatcher
     * @param flags {@link SessionFlags} observed so far
     * @param idleMask bit d set when dispatcher d reported the session idle
     */
    public SessionEntry(SessionKey key, int serverIndex, long stamp, int flags, long idleMask) {
        this.key = Objects.requireNonNull(key, "key");
        this.serverIndex = serverIndex;
        this.stamp = stamp;
        this.flags = flags;
        this.idleMask = idleMask;
    }

    public SessionKey key() {
        return key;
    }

    public int serverIndex() {
        return serverIndex;
    }

    public long stamp() {
        return stamp;
    }

    /** @return the id of the dispatcher that placed the entry */
    public int placedBy() {
        return Stamp.dispatcher(stamp);
    }

    public int flags() {
        return flags;
    }

    public long idleMask() {
        return idleMask;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SessionEntry)) {
            return false;
        }
        SessionEntry e = (SessionEntry) o;
        return key.equals(e.key) && serverIndex == e.serverIndex && stamp == e.stamp && flags == e.flags
                && idleMask == e.idleMask;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, serverIndex, stamp, flags, idleMask);
    }

    @Override
    public String toString() {
        return key + " => server#" + serverIndex + " (" + Stamp.format(stamp) + ")";
    }
}
