package dev.switchboard.controller.dispatch;

import dev.switchboard.dispatch.model.ServiceId;
import dev.switchboard.dispatch.model.SessionKey;

/**
 * Which sessions to list and which page of them. Sessions are ordered by client address, client port,
 * service port, VIP and protocol, so pages are stable while sessions come and go.
 *
 * @param service only sessions of this service address, or {@code null}
 * @param serverIndex only sessions on the server with this catalog index, or {@code null}
 * @param client only sessions of this client address, or {@code null}
 * @param placedBy only sessions placed by this dispatcher, or {@code null}
 * @param limit at most this many sessions, 1 to {@link #MAX_LIMIT}
 * @param offset skip this many matching sessions first, 0 to {@link #MAX_OFFSET}
 * @param after only sessions ordered after this key (a cursor), or {@code null}
 */
public record SessionQuery(ServiceId service, Integer serverIndex, Integer client, Integer placedBy, int limit,
                           int offset, SessionKey after) {
    /** Largest page. */
    public static final int MAX_LIMIT = 1000;
    /** Default page. */
    public static final int DEFAULT_LIMIT = 100;
    /**
     * Largest offset: an offset page keeps offset + limit candidates while it scans the table on the
     * dispatcher's thread; walking further takes the cursor, which keeps only limit.
     */
    public static final int MAX_OFFSET = 10_000;

    /** Validates the ranges. */
    public SessionQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalArgumentException("offset must be 0.." + MAX_OFFSET + ", was " + offset);
        }
    }

    /** @return every session, first page */
    public static SessionQuery all() {
        return new SessionQuery(null, null, null, null, DEFAULT_LIMIT, 0, null);
    }
}
