package dev.switchboard.onos;

import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.TrafficTreatment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Brings a switch's Switchboard rules to a desired set: adds what is missing, removes what is stale. Rules are
 * compared by what they do (table, priority, selector, treatment), not by timeouts, so a lock redirect that has
 * been counting down is not reinstalled.
 */
final class RuleReconciler {
    private RuleReconciler() {
    }

    /** What a reconciliation changed. */
    static final class Outcome {
        final int added;
        final int removed;

        Outcome(int added, int removed) {
            this.added = added;
            this.removed = removed;
        }

        @Override
        public String toString() {
            return added + " added, " + removed + " removed";
        }
    }

    /**
     * @param existing the device's current rules (any app's)
     * @param desired the rules it should hold
     * @param appId Switchboard's app id; other apps' rules are never touched
     * @param keep existing Switchboard rules to leave even though not desired (learned client routes)
     * @param writer receives the changes; the caller flushes it
     * @return counts of additions and removals
     */
    static Outcome reconcile(Iterable<? extends FlowRule> existing, List<FlowRule> desired, short appId,
                             Predicate<FlowRule> keep, RuleWriter writer) {
        Set<Signature> wanted = new HashSet<>();
        for (FlowRule r : desired) {
            wanted.add(new Signature(r));
        }
        Set<Signature> present = new HashSet<>();
        List<FlowRule> stale = new ArrayList<>();
        for (FlowRule r : existing) {
            if (r.appId() != appId) {
                continue;
            }
            Signature s = new Signature(r);
            if (wanted.contains(s)) {
                present.add(s);
            } else if (!keep.test(r)) {
                stale.add(r);
            }
        }
        List<FlowRule> missing = new ArrayList<>();
        Set<Signature> queued = new HashSet<>();
        for (FlowRule r : desired) {
            Signature s = new Signature(r);
            if (!present.contains(s) && queued.add(s)) {
                missing.add(r);
            }
        }
        writer.remove(stale);
        writer.add(missing);
        return new Outcome(missing.size(), stale.size());
    }

    /** What a rule does, independent of its timeouts and counters. */
    private static final class Signature {
        final int table;
        final int priority;
        final TrafficSelector selector;
        final TrafficTreatment treatment;

        Signature(FlowRule r) {
            this.table = RuleTranslator.tableOf(r);
            this.priority = r.priority();
            this.selector = r.selector();
            this.treatment = r.treatment();
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Signature)) {
                return false;
            }
            Signature s = (Signature) o;
            return table == s.table && priority == s.priority && selector.equals(s.selector)
                    && Objects.equals(treatment, s.treatment);
        }

        @Override
        public int hashCode() {
            return Objects.hash(table, priority, selector, treatment);
        }
    }
}
