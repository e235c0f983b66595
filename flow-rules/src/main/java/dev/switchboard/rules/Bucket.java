package dev.switchboard.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One bucket of a SELECT group: the actions for packets the switch assigns to it, the port whose liveness
 * decides whether the bucket may be chosen (a dead trunk link drops out of the group at once, without the
 * controller), and a weight.
 */
public final class Bucket {
    private final long watchPort;
    private final int weight;
    private final List<Action> actions;

    private Bucket(long watchPort, int weight, List<Action> actions) {
        this.watchPort = watchPort;
        this.weight = weight;
        this.actions = actions;
    }

    /**
     * A bucket of weight 1 that outputs to the port it watches, the common case.
     *
     * @param port 1 to {@link RuleConstants#MAX_PORT}
     */
    public static Bucket outputTo(long port) {
        return of(port, 1, List.of(Action.output(port)));
    }

    /**
     * @param watchPort 1 to {@link RuleConstants#MAX_PORT}
     * @param weight 1 to 65535 (OpenFlow; weight 0 would never be selected)
     * @param actions at least one; no goto-table (groups end the pipeline)
     * @throws IllegalArgumentException naming the offending value
     */
    public static Bucket of(long watchPort, int weight, List<Action> actions) {
        if (watchPort < 1 || watchPort > RuleConstants.MAX_PORT) {
            throw new IllegalArgumentException(
                    "bucket watch port must be 1.." + RuleConstants.MAX_PORT + ", was " + watchPort);
        }
        if (weight < 1 || weight > 0xffff) {
            throw new IllegalArgumentException("bucket weight must be 1..65535, was " + weight);
        }
        Objects.requireNonNull(actions, "actions");
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("bucket watching port " + watchPort + " has no actions");
        }
        for (Action a : actions) {
            if (a.type() == Action.Type.GOTO_TABLE) {
                throw new IllegalArgumentException("bucket watching port " + watchPort + ": " + a
                        + " is not allowed in a group bucket");
            }
        }
        return new Bucket(watchPort, weight, Collections.unmodifiableList(new ArrayList<>(actions)));
    }

    /** @return the port whose liveness makes the bucket selectable */
    public long watchPort() {
        return watchPort;
    }

    /** @return the relative share of flows the bucket gets */
    public int weight() {
        return weight;
    }

    /** @return the actions applied to packets the switch assigns to the bucket */
    public List<Action> actions() {
        return actions;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Bucket)) {
            return false;
        }
        Bucket b = (Bucket) o;
        return watchPort == b.watchPort && weight == b.weight && actions.equals(b.actions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(watchPort, weight, actions);
    }

    @Override
    public String toString() {
        return "bucket(watch_port=" + watchPort + ",weight=" + weight + ",actions=" + actions + ")";
    }
}
