package dev.switchboard.dispatch.replication;

import java.util.function.Consumer;

/**
 * The receiving side of replication, implemented by a dispatcher. Runtimes call both methods on the
 * dispatcher's own thread.
 */
public interface ReplicaEndpoint {
    /**
     * Merges a peer's update into the local table (claims 17, 20, 24).
     *
     * @param update a peer's update, or a snapshot item, or {@link DispatchUpdate.Kind#SYNC_COMPLETE}
     */
    void deliver(DispatchUpdate update);

    /**
     * Writes the whole local table as updates, for a joining dispatcher's bulk sync.
     *
     * @param out receives one update per register
     */
    void writeSnapshot(Consumer<DispatchUpdate> out);
}
