package dev.switchboard.controller.dispatch;

import dev.switchboard.dispatch.table.SessionEntry;

import java.util.List;

/**
 * One page of sessions, read from one dispatcher's table (they mirror each other).
 *
 * @param sessions the page, in key order
 * @param total how many sessions match the filters, over the whole table
 * @param more whether matching sessions follow this page
 * @param source the dispatcher whose table was read, or {@code null} when none is running and ready
 */
public record SessionPage(List<SessionEntry> sessions, int total, boolean more, Integer source) {
    /** Copies the list. */
    public SessionPage {
        sessions = List.copyOf(sessions);
    }
}
