package dev.switchboard.dispatch.replication;

import java.util.List;
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
     * Merges a batch of updates from one peer, in order. The result must equal {@link #deliver} of each in
     * turn; an endpoint may skip updates that later ones in the same batch overwrite.
     *
     * @param batch the updates as the peer sent them
     */
    default void deliverAll(List<DispatchUpdate> batch) {
        for (DispatchUpdate update : batch) {
            deliver(update);
        }
    }

    /**
     * Writes the whole local table as updates, for a joining dispatcher's bulk sync.
     *
     * @param out receives one update per register
     */
    void writeSnapshot(Consumer<DispatchUpdate> out);
}
