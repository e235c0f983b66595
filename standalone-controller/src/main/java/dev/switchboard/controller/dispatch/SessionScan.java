package dev.switchboard.controller.dispatch;

import dev.switchboard.dispatch.model.ServiceId;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.dispatch.table.DispatchTable;
import dev.switchboard.dispatch.table.RegisterState;
import dev.switchboard.dispatch.table.SessionEntry;
import dev.switchboard.dispatch.table.Stamp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntConsumer;

/**
 * One pass over a dispatch table that answers a {@link SessionQuery}: it reads the primitive columns,
 * so sessions that do not match cost no allocation, and keeps only the offset + limit smallest
 * matching keys in a bounded heap. Runs on the dispatcher's thread.
 */
final class SessionScan implements IntConsumer {
    /** Key order: client address, client port, service port (the high word), then VIP and protocol. */
    static final Comparator<SessionEntry> KEY_ORDER = (a, b) -> compare(a.key().high(), a.key().low(),
            b.key().high(), b.key().low());

    private final DispatchTable table;
    private final SessionQuery query;
    private final int keep;
    private final PriorityQueue<SessionEntry> largestFirst;
    private final long afterHigh;
    private final long afterLow;
    private int total;
    private int afterCursor;

    private SessionScan(DispatchTable table, SessionQuery query) {
        this.table = table;
        this.query = query;
        this.keep = query.offset() + query.limit();
        this.largestFirst = new PriorityQueue<>(Math.min(keep, 1024) + 1, KEY_ORDER.reversed());
        this.afterHigh = query.after() == null ? 0 : query.after().high();
        this.afterLow = query.after() == null ? 0 : query.after().low();
    }

    /** @return the page of the query, with {@code source} as its source dispatcher */
    static SessionPage run(DispatchTable table, SessionQuery query, int source) {
        SessionScan scan = new SessionScan(table, query);
        table.forEachSlot(scan);
        return scan.page(source);
    }

    static int compare(long high1, long low1, long high2, long low2) {
        int byHigh = Long.compareUnsigned(high1, high2);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low1, low2);
    }

    @Override
    public void accept(int slot) {
        if (table.state(slot) != RegisterState.ENTRY || !matches(slot)) {
            return;
        }
        total++;
        long high = table.keyHigh(slot);
        long low = table.keyLow(slot);
        if (query.after() != null && compare(high, low, afterHigh, afterLow) <= 0) {
            return;
        }
        afterCursor++;
        if (largestFirst.size() == keep) {
            SessionEntry largest = largestFirst.peek();
            if (compare(high, low, largest.key().high(), largest.key().low()) >= 0) {
                return;
            }
            largestFirst.poll();
        }
        largestFirst.add(table.entryAt(slot));
    }

    private boolean matches(int slot) {
        long high = table.keyHigh(slot);
        long low = table.keyLow(slot);
        ServiceId service = query.service();
        if (service != null && ((int) (high & 0xffff) != service.port()
                || low != SessionKey.packLow(service.vip(), service.protocol().ipNumber()))) {
            return false;
        }
        if (query.client() != null && (int) (high >>> 32) != query.client()) {
            return false;
        }
        if (query.serverIndex() != null && table.server(slot) != query.serverIndex()) {
            return false;
        }
        return query.placedBy() == null || Stamp.dispatcher(table.stamp(slot)) == query.placedBy();
    }

    private SessionPage page(int source) {
        List<SessionEntry> sorted = new ArrayList<>(largestFirst);
        sorted.sort(KEY_ORDER);
        List<SessionEntry> page = sorted.subList(Math.min(query.offset(), sorted.size()), sorted.size());
        boolean more = afterCursor > query.offset() + page.size();
        return new SessionPage(page, total, more, source);
    }
}
