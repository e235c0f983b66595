package dev.switchboard.onos;

import org.onosproject.net.flow.FlowId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleOperations;
import org.onosproject.net.flow.FlowRuleService;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects rule additions and removals and hands them to ONOS as one batch per {@link #flush()}. A later
 * operation on the same rule (same flow id) replaces an earlier one, so a session placed and removed within one
 * batch ends removed. Not thread-safe: one writer per dispatcher thread.
 */
final class RuleWriter {
    private final FlowRuleService flowRules;
    private final Map<FlowId, Pending> pending = new LinkedHashMap<>();

    RuleWriter(FlowRuleService flowRules) {
        this.flowRules = flowRules;
    }

    void add(Collection<FlowRule> rules) {
        for (FlowRule r : rules) {
            pending.put(r.id(), new Pending(r, true));
        }
    }

    void remove(Collection<FlowRule> rules) {
        for (FlowRule r : rules) {
            pending.put(r.id(), new Pending(r, false));
        }
    }

    /** @return whether nothing waits for {@link #flush()} */
    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Sends what was collected: removals first, then additions, in one FlowRuleOperations. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        FlowRuleOperations.Builder ops = FlowRuleOperations.builder();
        boolean removals = false;
        for (Pending p : pending.values()) {
            if (!p.add) {
                ops.remove(p.rule);
                removals = true;
            }
        }
        if (removals) {
            ops.newStage();
        }
        for (Pending p : pending.values()) {
            if (p.add) {
                ops.add(p.rule);
            }
        }
        pending.clear();
        flowRules.apply(ops.build());
    }

    private static final class Pending {
        final FlowRule rule;
        final boolean add;

        Pending(FlowRule rule, boolean add) {
            this.rule = rule;
            this.add = add;
        }
    }
}
