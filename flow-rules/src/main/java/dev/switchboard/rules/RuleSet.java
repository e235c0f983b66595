package dev.switchboard.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a compiler produces for a switch: groups and flow rules. Install the groups first: a rule that
 * names a missing group is rejected by the switch.
 */
public final class RuleSet {
    private final List<GroupRule> groups;
    private final List<FlowRule> flows;

    private RuleSet(List<GroupRule> groups, List<FlowRule> flows) {
        this.groups = Collections.unmodifiableList(new ArrayList<>(groups));
        this.flows = Collections.unmodifiableList(new ArrayList<>(flows));
    }

    /** @return a rule set of these groups and flows, in this order */
    public static RuleSet of(List<GroupRule> groups, List<FlowRule> flows) {
        return new RuleSet(groups, flows);
    }

    /** @return the groups, to install before the flows */
    public List<GroupRule> groups() {
        return groups;
    }

    /** @return the flow rules in compilation order */
    public List<FlowRule> flows() {
        return flows;
    }

    /** @return the flows of one kind, in order */
    public List<FlowRule> flows(RuleKind kind) {
        List<FlowRule> result = new ArrayList<>();
        for (FlowRule r : flows) {
            if (r.kind() == kind) {
                result.add(r);
            }
        }
        return result;
    }

    /** @return both sets' groups and flows, this set's first */
    public RuleSet plus(RuleSet other) {
        List<GroupRule> g = new ArrayList<>(groups);
        g.addAll(other.groups);
        List<FlowRule> f = new ArrayList<>(flows);
        f.addAll(other.flows);
        return new RuleSet(g, f);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuleSet && ((RuleSet) o).groups.equals(groups) && ((RuleSet) o).flows.equals(flows);
    }

    @Override
    public int hashCode() {
        return 31 * groups.hashCode() + flows.hashCode();
    }

    @Override
    public String toString() {
        return "RuleSet(" + groups.size() + " groups, " + flows.size() + " flows)";
    }
}
