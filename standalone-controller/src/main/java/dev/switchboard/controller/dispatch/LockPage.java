package dev.switchboard.controller.dispatch;

import dev.switchboard.dispatch.table.ClientLock;

import java.util.List;

/**
 * Client locks read from one dispatcher's table.
 *
 * @param locks at most the requested number, in key order
 * @param total how many locks the table holds
 * @param source the dispatcher whose table was read, or {@code null} when none is running and ready
 */
public record LockPage(List<ClientLock> locks, int total, Integer source) {
    /** Copies the list. */
    public LockPage {
        locks = List.copyOf(locks);
    }
}
