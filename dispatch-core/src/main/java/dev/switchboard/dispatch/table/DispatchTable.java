package dev.switchboard.dispatch.table;

import dev.switchboard.dispatch.model.SessionKey;

import java.util.function.Consumer;

/**
 * One dispatcher's local dispatch table (claims 1, 5, 13): for each session key, a register holding a
 * client lock, a session entry, or a tombstone.
 *
 * <p>Millions of sessions live here, so the table is an open-addressing hash table in one
 * {@code long[]}: six longs (48 bytes) per slot, stored next to each other so that a lookup touches
 * one cache line, not one per field; no object per session; linear probing and backward-shift
 * deletion. It also keeps the number of live entries per server, which is the load figure
 * least-load selection reads.
 *
 * <p>Threading: not thread-safe. A table belongs to one {@code Dispatcher}, which confines it to one
 * thread. Slot numbers are valid only until the next mutation.
 */
public final class DispatchTable implements dev.switchboard.dispatch.select.LoadView {
    private static final int MIN_CAPACITY = 16;
    private static final double MAX_LOAD = 0.6;
    /** Longs per slot: key high, key low, stamp, idle mask, time, meta (server, state, flags). */
    private static final int STRIDE = 6;
    private static final int KEY_HIGH = 0;
    private static final int KEY_LOW = 1;
    private static final int STAMP = 2;
    private static final int IDLE = 3;
    private static final int TIME = 4;
    private static final int META = 5;

    private long[] slots;
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
        slots = new long[capacity * STRIDE];
        mask = capacity - 1;
    }

    private static long meta(int server, int state, int flags) {
        return ((long) server << 32) | ((state & 0xffL) << 8) | (flags & 0xffL);
    }

    private int stateAt(int slot) {
        return (int) (slots[slot * STRIDE + META] >>> 8) & 0xff;
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
        while (stateAt(slot) != 0) {
            int base = slot * STRIDE;
            if (slots[base + KEY_HIGH] == high && slots[base + KEY_LOW] == low) {
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
            while (stateAt(slot) != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot * STRIDE + KEY_HIGH] = high;
            slots[slot * STRIDE + KEY_LOW] = low;
            used++;
        } else {
            uncount(slot);
        }
        int base = slot * STRIDE;
        slots[base + STAMP] = stamp;
        slots[base + IDLE] = idleMask;
        slots[base + TIME] = time;
        slots[base + META] = meta(server, state.ordinal(), flags);
        count(slot);
        return slot;
    }

    /** Updates the flags and idle bits of an entry in place. */
    public void mark(int slot, int flags, long idleMask) {
        int base = slot * STRIDE;
        slots[base + META] = meta(server(slot), stateAt(slot), flags);
        slots[base + IDLE] = idleMask;
    }

    /** Frees a slot; later slots of its probe run shift back so lookups stay correct. */
    public void remove(int slot) {
        uncount(slot);
        int hole = slot;
        int next = (hole + 1) & mask;
        while (stateAt(next) != 0) {
            int home = hash(slots[next * STRIDE + KEY_HIGH], slots[next * STRIDE + KEY_LOW]) & mask;
            // Move next into the hole unless its home lies cyclically in (hole, next].
            boolean stays = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next);
            if (!stays) {
                System.arraycopy(slots, next * STRIDE, slots, hole * STRIDE, STRIDE);
                hole = next;
            }
            next = (next + 1) & mask;
        }
        slots[hole * STRIDE + META] = 0;
        used--;
    }

    private void count(int slot) {
        int state = stateAt(slot);
        if (state == RegisterState.ENTRY.ordinal()) {
            entries++;
            int server = server(slot);
            if (server >= activeByServer.length) {
                int[] larger = new int[Math.max(server + 1, activeByServer.length * 2)];
                System.arraycopy(activeByServer, 0, larger, 0, activeByServer.length);
                activeByServer = larger;
            }
            activeByServer[server]++;
        } else if (state == RegisterState.LOCK.ordinal()) {
            locks++;
        }
    }

    private void uncount(int slot) {
        int state = stateAt(slot);
        if (state == RegisterState.ENTRY.ordinal()) {
            entries--;
            activeByServer[server(slot)]--;
        } else if (state == RegisterState.LOCK.ordinal()) {
            locks--;
        }
    }

    private void grow() {
        long[] old = slots;
        int capacity = (mask + 1) * 2;
        slots = new long[capacity * STRIDE];
        mask = capacity - 1;
        for (int base = 0; base < old.length; base += STRIDE) {
            if (((old[base + META] >>> 8) & 0xff) != 0) {
                int slot = hash(old[base + KEY_HIGH], old[base + KEY_LOW]) & mask;
                while (stateAt(slot) != 0) {
                    slot = (slot + 1) & mask;
                }
                System.arraycopy(old, base, slots, slot * STRIDE, STRIDE);
            }
        }
    }

    public RegisterState state(int slot) {
        return RegisterState.of(stateAt(slot));
    }

    public long stamp(int slot) {
        return slots[slot * STRIDE + STAMP];
    }

    public int server(int slot) {
        return (int) (slots[slot * STRIDE + META] >> 32);
    }

    public int flags(int slot) {
        return (int) slots[slot * STRIDE + META] & 0xff;
    }

    public long idleMask(int slot) {
        return slots[slot * STRIDE + IDLE];
    }

    public long time(int slot) {
        return slots[slot * STRIDE + TIME];
    }

    public long keyHigh(int slot) {
        return slots[slot * STRIDE + KEY_HIGH];
    }

    public long keyLow(int slot) {
        return slots[slot * STRIDE + KEY_LOW];
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
        return new SessionEntry(SessionKey.unpack(keyHigh(slot), keyLow(slot)), server(slot), stamp(slot), flags(slot),
                idleMask(slot));
    }

    /** @return the lock in this slot as a value; the slot must hold a lock */
    public ClientLock lockAt(int slot) {
        return new ClientLock(SessionKey.unpack(keyHigh(slot), keyLow(slot)), stamp(slot));
    }

    /** Visits every session entry (allocates one value per entry: for queries, not the packet path). */
    public void forEachEntry(Consumer<SessionEntry> visitor) {
        for (int slot = 0; slot <= mask; slot++) {
            if (stateAt(slot) == RegisterState.ENTRY.ordinal()) {
                visitor.accept(entryAt(slot));
            }
        }
    }

    /** Visits every client lock. */
    public void forEachLock(Consumer<ClientLock> visitor) {
        for (int slot = 0; slot <= mask; slot++) {
            if (stateAt(slot) == RegisterState.LOCK.ordinal()) {
                visitor.accept(lockAt(slot));
            }
        }
    }

    /** Visits every occupied slot index (for bulk sync); the visitor must not mutate the table. */
    public void forEachSlot(java.util.function.IntConsumer visitor) {
        for (int slot = 0; slot <= mask; slot++) {
            if (stateAt(slot) != 0) {
                visitor.accept(slot);
            }
        }
    }
}
