package dev.switchboard.dispatch.table;

import dev.switchboard.dispatch.model.SessionKey;

import java.util.function.Consumer;

/**
 * One dispatcher's local dispatch table (claims 1, 5, 13): for each session key, a register holding a
 * client lock, a session entry, or a tombstone.
 *
 * <p>Millions of sessions live here, so the table is an open-addressing hash table over parallel
 * primitive arrays (about 46 bytes a slot, no object per session) with linear probing and
 * backward-shift deletion. It also keeps the number of live entries per server, which is the load
 * figure least-load selection reads.
 *
 * <p>Threading: not thread-safe. A table belongs to one {@code Dispatcher}, which confines it to one
 * thread. Slot numbers are valid only until the next mutation.
 */
public final class DispatchTable implements dev.switchboard.dispatch.select.LoadView {
    private static final int MIN_CAPACITY = 16;
    private static final double MAX_LOAD = 0.6;

    private long[] keyHigh;
    private long[] keyLow;
    private long[] stamps;
    private long[] idleMasks;
    private long[] times;
    private int[] servers;
    private byte[] states;
    private byte[] flagBits;
    private int mask;
    private int used;
    private int entries;
    private int locks;
    private int[] activeByServer = new int[16];

    /** @param expectedSessions sizing hint; the table grows as needed */
    public DispatchTable(int expectedSessions) {
        int capacity = MIN_CAPACITY;
        while (capacity * MAX_LOAD < expectedSessions) {
            capacity <<= 1;
        }
        allocate(capacity);
    }

    private void allocate(int capacity) {
        keyHigh = new long[capacity];
        keyLow = new long[capacity];
        stamps = new long[capacity];
        idleMasks = new long[capacity];
        times = new long[capacity];
        servers = new int[capacity];
        states = new byte[capacity];
        flagBits = new byte[capacity];
        mask = capacity - 1;
    }

    private static int hash(long high, long low) {
        long h = high * 0x9E3779B97F4A7C15L ^ low;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }

    /**
     * @return the slot holding this key, or -1
     */
    public int find(long high, long low) {
        int slot = hash(high, low) & mask;
        while (states[slot] != 0) {
            if (keyHigh[slot] == high && keyLow[slot] == low) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /**
     * Writes a register, inserting the key if it is new; keeps the per-server counts right.
     *
     * @param state LOCK, ENTRY or TOMBSTONE (EMPTY is {@link #remove})
     * @param time lock expiry, tombstone expiry or placement time, in the caller's nanosecond clock
     * @return the slot written
     */
    public int put(long high, long low, RegisterState state, long stamp, int server, int flags, long idleMask,
                   long time) {
        if (state == RegisterState.EMPTY) {
            throw new IllegalArgumentException("use remove() to empty a register");
        }
        int slot = find(high, low);
        if (slot < 0) {
            if (used + 1 > (mask + 1) * MAX_LOAD) {
                grow();
            }
            slot = hash(high, low) & mask;
            while (states[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            keyHigh[slot] = high;
            keyLow[slot] = low;
            used++;
        } else {
            uncount(slot);
        }
        states[slot] = (byte) state.ordinal();
        stamps[slot] = stamp;
        servers[slot] = server;
        flagBits[slot] = (byte) flags;
        idleMasks[slot] = idleMask;
        times[slot] = time;
        count(slot);
        return slot;
    }

    /** Updates the flags and idle bits of an entry in place. */
    public void mark(int slot, int flags, long idleMask) {
        flagBits[slot] = (byte) flags;
        idleMasks[slot] = idleMask;
    }

    /** Frees a slot; later slots of its probe run shift back so lookups stay correct. */
    public void remove(int slot) {
        uncount(slot);
        int hole = slot;
        int next = (hole + 1) & mask;
        while (states[next] != 0) {
            int home = hash(keyHigh[next], keyLow[next]) & mask;
            // Move next into the hole unless its home lies cyclically in (hole, next].
            boolean stays = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next);
            if (!stays) {
                copySlot(next, hole);
                hole = next;
            }
            next = (next + 1) & mask;
        }
        states[hole] = 0;
        used--;
    }

    private void copySlot(int from, int to) {
        keyHigh[to] = keyHigh[from];
        keyLow[to] = keyLow[from];
        stamps[to] = stamps[from];
        idleMasks[to] = idleMasks[from];
        times[to] = times[from];
        servers[to] = servers[from];
        states[to] = states[from];
        flagBits[to] = flagBits[from];
    }

    private void count(int slot) {
        if (states[slot] == RegisterState.ENTRY.ordinal()) {
            entries++;
            int server = servers[slot];
            if (server >= activeByServer.length) {
                int[] larger = new int[Math.max(server + 1, activeByServer.length * 2)];
                System.arraycopy(activeByServer, 0, larger, 0, activeByServer.length);
                activeByServer = larger;
            }
            activeByServer[server]++;
        } else if (states[slot] == RegisterState.LOCK.ordinal()) {
            locks++;
        }
    }

    private void uncount(int slot) {
        if (states[slot] == RegisterState.ENTRY.ordinal()) {
            entries--;
            activeByServer[servers[slot]]--;
        } else if (states[slot] == RegisterState.LOCK.ordinal()) {
            locks--;
        }
    }

    private void grow() {
        long[] oldHigh = keyHigh;
        long[] oldLow = keyLow;
        long[] oldStamps = stamps;
        long[] oldIdle = idleMasks;
        long[] oldTimes = times;
        int[] oldServers = servers;
        byte[] oldStates = states;
        byte[] oldFlags = flagBits;
        allocate((mask + 1) * 2);
        for (int i = 0; i < oldStates.length; i++) {
            if (oldStates[i] != 0) {
                int slot = hash(oldHigh[i], oldLow[i]) & mask;
                while (states[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keyHigh[slot] = oldHigh[i];
                keyLow[slot] = oldLow[i];
                stamps[slot] = oldStamps[i];
                idleMasks[slot] = oldIdle[i];
                times[slot] = oldTimes[i];
                servers[slot] = oldServers[i];
                states[slot] = oldStates[i];
                flagBits[slot] = oldFlags[i];
            }
        }
    }

    public RegisterState state(int slot) {
        return RegisterState.of(states[slot]);
    }

    public long stamp(int slot) {
        return stamps[slot];
    }

    public int server(int slot) {
        return servers[slot];
    }

    public int flags(int slot) {
        return flagBits[slot];
    }

    public long idleMask(int slot) {
        return idleMasks[slot];
    }

    public long time(int slot) {
        return times[slot];
    }

    public long keyHigh(int slot) {
        return keyHigh[slot];
    }

    public long keyLow(int slot) {
        return keyLow[slot];
    }

    /** @return the number of session entries */
    public int entryCount() {
        return entries;
    }

    /** @return the number of client locks */
    public int lockCount() {
        return locks;
    }

    /** @return the number of occupied registers, tombstones included */
    public int registerCount() {
        return used;
    }

    /** @return the live entries that select this server: the load figure of least-load selection */
    @Override
    public int activeSessions(int serverIndex) {
        return serverIndex < activeByServer.length ? activeByServer[serverIndex] : 0;
    }

    /** @return the entry in this slot as a value; the slot must hold an entry */
    public SessionEntry entryAt(int slot) {
        return new SessionEntry(SessionKey.unpack(keyHigh[slot], keyLow[slot]), servers[slot], stamps[slot],
                flagBits[slot], idleMasks[slot]);
    }

    /** @return the lock in this slot as a value; the slot must hold a lock */
    public ClientLock lockAt(int slot) {
        return new ClientLock(SessionKey.unpack(keyHigh[slot], keyLow[slot]), stamps[slot]);
    }

    /** Visits every session entry (allocates one value per entry: for queries, not the packet path). */
    public void forEachEntry(Consumer<SessionEntry> visitor) {
        for (int slot = 0; slot < states.length; slot++) {
            if (states[slot] == RegisterState.ENTRY.ordinal()) {
                visitor.accept(entryAt(slot));
            }
        }
    }

    /** Visits every client lock. */
    public void forEachLock(Consumer<ClientLock> visitor) {
        for (int slot = 0; slot < states.length; slot++) {
            if (states[slot] == RegisterState.LOCK.ordinal()) {
                visitor.accept(lockAt(slot));
            }
        }
    }

    /** Visits every occupied slot index (for bulk sync); the visitor must not mutate the table. */
    public void forEachSlot(java.util.function.IntConsumer visitor) {
        for (int slot = 0; slot < states.length; slot++) {
            if (states[slot] != 0) {
                visitor.accept(slot);
            }
        }
    }
}
