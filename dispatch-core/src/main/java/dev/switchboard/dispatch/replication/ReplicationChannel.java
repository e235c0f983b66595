package dev.switchboard.dispatch.replication;

/**
 * A dispatcher's link to its peers, implemented by each runtime over its store (in-process here, an
 * ONOS EventuallyConsistentMap, Hazelcast).
 *
 * <p>Contract: {@link #broadcast} never blocks and reaches every other live dispatcher eventually,
 * in order per sender; deliveries may repeat. Peers' updates come back through the
 * {@link ReplicaEndpoint} the dispatcher registered, on the dispatcher's own thread.
 */
public interface ReplicationChannel {
    /**
     * Sends an update to all other dispatchers (claims 14, 16, 19, 23, 35, 38).
     *
     * @param update the register value this dispatcher just wrote
     */
    void broadcast(DispatchUpdate update);

    /**
     * @return the ids of the live dispatchers, this one included, as a bit set (bit d = dispatcher d)
     */
    long liveMembers();
}
