package dev.switchboard.harness.load;

/** Told by the {@link SessionTracker} when sessions leave flight; called on the event loop. */
interface SessionListener {
    /**
     * A session completed or expired.
     *
     * @param nanos when (the read that completed it, or the sweep that expired it)
     */
    void sessionEnded(long nanos);

    /** The controller's messages of one read were processed. */
    void readComplete();
}
