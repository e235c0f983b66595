package dev.switchboard.dispatch;

/**
 * A FIFO of (session key, stamp, deadline) in one growable ring of longs. Each queue serves one
 * constant delay, so deadlines arrive in order and expiry pops from the head only: no per-session
 * timers, no objects per item. Items are validated against the table when they pop, so a register
 * that changed meanwhile simply does not expire.
 */
final class DeadlineQueue {
    private static final int FIELDS = 4;
    private long[] ring = new long[FIELDS * 64];
    private int head;
    private int size;

    void add(long keyHigh, long keyLow, long stamp, long deadline) {
        if (size * FIELDS == ring.length) {
            long[] larger = new long[ring.length * 2];
            for (int i = 0; i < size; i++) {
                System.arraycopy(ring, ((head + i) * FIELDS) % ring.length, larger, i * FIELDS, FIELDS);
            }
            ring = larger;
            head = 0;
        }
        int at = ((head + size) * FIELDS) % ring.length;
        ring[at] = keyHigh;
        ring[at + 1] = keyLow;
        ring[at + 2] = stamp;
        ring[at + 3] = deadline;
        size++;
    }

    /** @return whether the head item's deadline has passed */
    boolean headDue(long now) {
        return size > 0 && now - ring[head * FIELDS + 3] >= 0;
    }

    long headKeyHigh() {
        return ring[head * FIELDS];
    }

    long headKeyLow() {
        return ring[head * FIELDS + 1];
    }

    long headStamp() {
        return ring[head * FIELDS + 2];
    }

    void pop() {
        head = (head + 1) % (ring.length / FIELDS);
        size--;
    }

    int size() {
        return size;
    }
}
