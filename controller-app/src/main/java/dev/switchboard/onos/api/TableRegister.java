package dev.switchboard.onos.api;

import dev.switchboard.dispatch.table.Stamp;

import java.util.Objects;

/**
 * The value of one dispatch-table register in the distributed store, immutable. Registers are last-writer-wins
 * by {@link #stamp()} (Lamport counter, then dispatcher id), exactly dispatch-core's conflict rule; the store's
 * map uses the stamp as its timestamp.
 *
 * <p>The server is carried by name, not by catalog index: every ONOS node builds its own catalog and indexes
 * are local to it.
 */
public final class TableRegister {
    private final RegisterKind kind;
    private final long stamp;
    private final String server;
    private final int flags;
    private final long idleMask;
    private final int writer;
    private final String writerNode;
    private final long writtenMillis;

    private TableRegister(RegisterKind kind, long stamp, String server, int flags, long idleMask, int writer,
                          String writerNode, long writtenMillis) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.stamp = stamp;
        this.server = server;
        this.flags = flags;
        this.idleMask = idleMask;
        this.writer = writer;
        this.writerNode = writerNode;
        this.writtenMillis = writtenMillis;
    }

    /**
     * @param stamp the lock's stamp (its low byte is the locking dispatcher)
     * @param writer the dispatcher that wrote the register
     * @param writerNode the ONOS node that wrote it
     * @param writtenMillis wall-clock time of the write
     * @return a client lock
     */
    public static TableRegister lock(long stamp, int writer, String writerNode, long writtenMillis) {
        return new TableRegister(RegisterKind.LOCK, stamp, null, 0, 0, writer, writerNode, writtenMillis);
    }

    /**
     * @param server the selected server's name
     * @param flags FIN/RST observations ({@code SessionFlags})
     * @param idleMask bit d set when dispatcher d reported the session idle
     * @return a session entry
     */
    public static TableRegister entry(long stamp, String server, int flags, long idleMask, int writer,
                                      String writerNode, long writtenMillis) {
        return new TableRegister(RegisterKind.ENTRY, stamp, Objects.requireNonNull(server, "server"), flags,
                idleMask, writer, writerNode, writtenMillis);
    }

    /** @return a removal */
    public static TableRegister tombstone(long stamp, int writer, String writerNode, long writtenMillis) {
        return new TableRegister(RegisterKind.TOMBSTONE, stamp, null, 0, 0, writer, writerNode, writtenMillis);
    }

    public RegisterKind kind() {
        return kind;
    }

    public long stamp() {
        return stamp;
    }

    /** @return the dispatcher that placed the entry or holds the lock (the stamp's dispatcher) */
    public int owner() {
        return Stamp.dispatcher(stamp);
    }

    /** @return the server's name for an entry, else {@code null} */
    public String server() {
        return server;
    }

    public int flags() {
        return flags;
    }

    public long idleMask() {
        return idleMask;
    }

    /** @return the dispatcher that wrote this value (for a mark, not necessarily the owner) */
    public int writer() {
        return writer;
    }

    /** @return the ONOS node that wrote this value */
    public String writerNode() {
        return writerNode;
    }

    /** @return wall-clock time of the write, for display and for purging tombstones */
    public long writtenMillis() {
        return writtenMillis;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TableRegister)) {
            return false;
        }
        TableRegister r = (TableRegister) o;
        return kind == r.kind && stamp == r.stamp && Objects.equals(server, r.server) && flags == r.flags
                && idleMask == r.idleMask && writer == r.writer && Objects.equals(writerNode, r.writerNode)
                && writtenMillis == r.writtenMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, stamp, server, flags, idleMask, writer, writerNode, writtenMillis);
    }

    @Override
    public String toString() {
        return kind + " " + Stamp.format(stamp) + (server != null ? " -> " + server : "")
                + (flags != 0 ? " flags=" + flags : "")
                + (idleMask != 0 ? " idle=" + Long.toBinaryString(idleMask) : "")
                + " by dispatcher " + writer + "@" + writerNode;
    }
}
