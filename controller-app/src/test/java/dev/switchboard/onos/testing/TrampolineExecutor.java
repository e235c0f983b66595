package dev.switchboard.onos.testing;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs tasks on the calling thread, one at a time and in submission order: a task submitted while another runs
 * waits until that one finishes. Stands in for every dispatcher thread and the event thread of every node, so a
 * test is single-threaded and deterministic, yet no dispatcher is ever re-entered.
 */
public final class TrampolineExecutor implements Executor {
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private boolean running;

    @Override
    public void execute(Runnable task) {
        queue.add(task);
        if (running) {
            return;
        }
        running = true;
        try {
            Runnable next;
            while ((next = queue.poll()) != null) {
                next.run();
            }
        } finally {
            running = false;
        }
    }
}
