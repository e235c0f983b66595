package dev.switchboard.dispatch.replication;

import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.dispatch.table.Stamp;

/**
 * What a dispatcher broadcasts: the full new value of one table register, with its stamp.
 *
 * <p>Receivers merge by stamp (higher wins; equal stamps of an entry OR their flags and idle bits), so
 * late, repeated or reordered deliveries converge to the same table everywhere and cannot resurrect
 * a removed entry while its tombstone lives.
 */
public final class DispatchUpdate {
    /** The kinds of update. */
    public enum Kind {
        /** A client lock was placed (claims 35, 68). */
        LOCK,
        /** A session entry was placed; it supersedes the client's lock (claims 16, 34, 38: lock removal). */
        PLACE,
        /** Flags or idle bits of an existing entry grew (FIN, RST or idle seen by some dispatcher). */
        MARK,
        /** The entry or lock was removed (claims 23-25). */
        REMOVE,
        /** Bulk sync to a joining dispatcher is complete: it may decide on packets now. */
        SYNC_COMPLETE
    }

    private final Kind kind;
    private final long keyHigh;
    private final long keyLow;
    private final long stamp;
    private final int server;
    private final int flags;
    private final long idleMask;

    private DispatchUpdate(Kind kind, long keyHigh, long keyLow, long stamp, int server, int flags,
                           long idleMask) {
        this.kind = kind;
        this.keyHigh = keyHigh;
        this.keyLow = keyLow;
        this.stamp = stamp;
        this.server = server;
        this.flags = flags;
        this.idleMask = idleMask;
    }

    /** @return a lock update */
    public static DispatchUpdate lock(long keyHigh, long keyLow, long stamp) {
        return new DispatchUpdate(Kind.LOCK, keyHigh, keyLow, stamp, -1, 0, 0);
    }

    /** @return an entry placement, carrying its flags and idle bits */
    public static DispatchUpdate place(long keyHigh, long keyLow, long stamp, int server, int flags, long idleMask) {
        return new DispatchUpdate(Kind.PLACE, keyHigh, keyLow, stamp, server, flags, idleMask);
    }

    /** @return a mark: the same entry (same stamp) with more flags or idle bits */
    public static DispatchUpdate mark(long keyHigh, long keyLow, long stamp, int server, int flags, long idleMask) {
        return new DispatchUpdate(Kind.MARK, keyHigh, keyLow, stamp, server, flags, idleMask);
    }

    /** @return a removal */
    public static DispatchUpdate remove(long keyHigh, long keyLow, long stamp) {
        return new DispatchUpdate(Kind.REMOVE, keyHigh, keyLow, stamp, -1, 0, 0);
    }

    /** @return the end-of-bulk-sync marker sent by the dispatcher with id {@code from} */
    public static DispatchUpdate syncComplete(int from) {
        return new DispatchUpdate(Kind.SYNC_COMPLETE, 0, 0, Stamp.of(0, from), -1, 0, 0);
    }

    /**
     * Rebuilds an update from its fields (for codecs of distributed stores).
     *
     * @throws IllegalArgumentException when the kind is missing
     */
    public static DispatchUpdate of(Kind kind, long keyHigh, long keyLow, long stamp, int server, int flags,
                                    long idleMask) {
        if (kind == null) {
            throw new IllegalArgumentException("update kind is missing");
        }
        return new DispatchUpdate(kind, keyHigh, keyLow, stamp, server, flags, idleMask);
    }

    public Kind kind() {
        return kind;
    }

    public long keyHigh() {
        return keyHigh;
    }

    public long keyLow() {
        return keyLow;
    }

    /** @return the session key (allocates; the merge path uses the packed halves) */
    public SessionKey key() {
        return SessionKey.unpack(keyHigh, keyLow);
    }

    public long stamp() {
        return stamp;
    }

    /** @return the dispatcher that wrote the register value */
    public int origin() {
        return Stamp.dispatcher(stamp);
    }

    public int server() {
        return server;
    }

    public int flags() {
        return flags;
    }

    public long idleMask() {
        return idleMask;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DispatchUpdate)) {
            return false;
        }
        DispatchUpdate u = (DispatchUpdate) o;
        return kind == u.kind && keyHigh == u.keyHigh && keyLow == u.keyLow && stamp == u.stamp
                && server == u.server && flags == u.flags && idleMask == u.idleMask;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(keyHigh * 31 + keyLow) * 31 + Long.hashCode(stamp);
    }

    @Override
    public String toString() {
        if (kind == Kind.SYNC_COMPLETE) {
            return "SYNC_COMPLETE from " + origin();
        }
        return kind + " " + key() + " " + Stamp.format(stamp) + (server >= 0 ? " server#" + server : "")
                + (flags != 0 ? " flags=" + flags : "") + (idleMask != 0 ? " idle=" + Long.toBinaryString(idleMask) : "");
    }
}
