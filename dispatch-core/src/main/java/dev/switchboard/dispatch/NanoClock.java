package dev.switchboard.dispatch;

/** Monotonic time in nanoseconds, injected so that tests drive expiry with a fake clock. */
@FunctionalInterface
public interface NanoClock {
    /** The system's monotonic clock. */
    NanoClock SYSTEM = System::nanoTime;

    /** @return the current time in nanoseconds, from an arbitrary origin */
    long nanoTime();
}
