package dev.switchboard.controller.openflow;

import java.util.concurrent.atomic.AtomicInteger;

/** Transaction ids for one connection: unique per connection until 2^32 requests, never 0. */
final class XidAllocator {
    private final AtomicInteger last = new AtomicInteger();

    /** @return the next unsigned 32-bit transaction id; safe from any thread */
    long next() {
        int xid = last.incrementAndGet();
        if (xid == 0) {
            // 0 is what a switch puts in unsolicited messages; keep it unambiguous.
            xid = last.incrementAndGet();
        }
        return Integer.toUnsignedLong(xid);
    }
}
