package dev.switchboard.dispatch.table;

import dev.switchboard.dispatch.model.SessionKey;

import java.util.function.Consumer;

/**
 * One dispatcher's local dispatch table (claims 1, 5, 13): for each session key, a register holding a
 * client lock, a session entry, or a tombstone.
 *
 * <p>Millions of sessions live here, so the table is an open-addressing hash table in one
 * {@code long[]}: five longs (40 bytes) per slot, stored next to each other so that a lookup touches
 * one or two cache lines, not one per field; no object per session; linear probing and backward-shift
 * deletion. The capacity is not rounded to a power of two (the hash is mapped onto it by a multiply), so a
 * table sized for N sessions holds N / 0.6 slots, not up to twice that: about 67 bytes per session. It also
 * keeps the number of live entries per server, which is the load figure
 * least-load selection reads.
 *
 * <p>Threading: not thread-safe. A table belongs to one {@code Dispatcher}, which confines it to one
 * thread. Slot numbers are valid only until the next mutation.
 */
public final class DispatchTable implements dev.switchboard.dispatch.select.LoadView {
    private static final int MIN_CAPACITY = 16;
    private static final double MAX_LOAD = 0.6;
    /** Longs per slot: key high, key low, stamp, idle mask, meta (server, state, flags). */
    private static final int STRIDE = 5;
    private static final int KEY_HIGH = 0;
    private static final int KEY_LOW = 1;
    private static final int STAMP = 2;
    private static final int IDLE = 3;
    private static final int META = 4;
    /** Largest slot count whose longs an int still indexes. */
    private static final int MAX_CAPACITY = Integer.MAX_VALUE / STRIDE;

    private long[] slots;
    private int capacity;
    private int used;
    private int entries;
    private int locks;
    private int[] activeByServer = new int[16];

    /** @param expectedSessions sizing hint; the table grows as needed */
    public DispatchTable(int expectedSessions) {
        allocate((int) Math.min(MAX_CAPACITY, Math.max(MIN_CAPACITY, (long) Math.ceil(expectedSessions / MAX_LOAD))));
    }

    private void allocate(int newCapacity) {
        slots = new long[newCapacity * STRIDE];
        capacity = newCapacity;
    }

    /** @return the slot a key's probe starts at: the hash mapped onto 0..capacity-1 by a multiply */
    private int home(long high, long low) {
        return (int) (((hash(high, low) & 0xffff_ffffL) * capacity) >>> 32);
    }

    private int next(int slot) {
        return slot + 1 == capacity ? 0 : slot + 1;
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
        int slot = home(high, low);
        while (stateAt(slot) != 0) {
            int base = slot * STRIDE;
            if (slots[base + KEY_HIGH] == high && slots[base + KEY_LOW] == low) {
                return slot;
            }
            slot = next(slot);
        }
        return -1;
    }

    /**
     * Writes a register, inserting the key if it is new; keeps the per-server counts right.
     *
     * @param state LOCK, ENTRY or TOMBSTONE (EMPTY is {@link #remove})
     * @return the slot written
     */
    public int put(long high, long low, RegisterState state, long stamp, int server, int flags, long idleMask) {
        if (state == RegisterState.EMPTY) {
            throw new IllegalArgumentException("use remove() to empty a register");
        }
        int slot = find(high, low);
        if (slot < 0) {
            if (used + 1 > capacity * MAX_LOAD) {
                grow();
            }
            slot = home(high, low);
            while (stateAt(slot) != 0) {
                slot = next(slot);
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
        int next = next(hole);
        while (stateAt(next) != 0) {
            int home = home(slots[next * STRIDE + KEY_HIGH], slots[next * STRIDE + KEY_LOW]);
            // Move next into the hole unless its home lies cyclically in (hole, next].
            boolean stays = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next);
            if (!stays) {
                System.arraycopy(slots, next * STRIDE, slots, hole * STRIDE, STRIDE);
                hole = next;
            }
            next = next(next);
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
        if (capacity == MAX_CAPACITY) {
            throw new IllegalStateException("dispatch table full: " + used + " registers in " + capacity + " slots");
        }
        allocate((int) Math.min(MAX_CAPACITY, capacity * 2L));
        for (int base = 0; base < old.length; base += STRIDE) {
            if (((old[base + META] >>> 8) & 0xff) != 0) {
                int slot = home(old[base + KEY_HIGH], old[base + KEY_LOW]);
                while (stateAt(slot) != 0) {
                    slot = next(slot);
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
        for (int slot = 0; slot < capacity; slot++) {
            if (stateAt(slot) == RegisterState.ENTRY.ordinal()) {
                visitor.accept(entryAt(slot));
            }
        }
    }

    /** Visits every client lock. */
    public void forEachLock(Consumer<ClientLock> visitor) {
        for (int slot = 0; slot < capacity; slot++) {
            if (stateAt(slot) == RegisterState.LOCK.ordinal()) {
                visitor.accept(lockAt(slot));
            }
        }
    }

    /** Visits every occupied slot index (for bulk sync); the visitor must not mutate the table. */
    public void forEachSlot(java.util.function.IntConsumer visitor) {
        for (int slot = 0; slot < capacity; slot++) {
            if (stateAt(slot) != 0) {
                visitor.accept(slot);
            }
        }
    }
}
