package dev.switchboard.dispatch.select;

/** The load figure selection reads: live sessions per server, from the local (mirrored) table. */
@FunctionalInterface
public interface LoadView {
    /**
     * @param serverIndex catalog index of a server
     * @return the number of live sessions that select it
     */
    int activeSessions(int serverIndex);
}
