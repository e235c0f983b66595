package dev.switchboard.onos.testing;

import dev.switchboard.dispatch.NanoClock;

import java.time.Duration;

/** A clock that moves only when the test says so. */
public final class FakeNanoClock implements NanoClock {
    private long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
        return now;
    }

    public void advance(Duration d) {
        now += d.toNanos();
    }

    /** @return wall-clock milliseconds that move with this clock */
    public long millis() {
        return 1_700_000_000_000L + now / 1_000_000L;
    }
}
