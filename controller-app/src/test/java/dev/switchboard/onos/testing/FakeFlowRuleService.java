package dev.switchboard.onos.testing;

import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.DefaultFlowEntry;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleEvent;
import org.onosproject.net.flow.FlowRuleListener;
import org.onosproject.net.flow.FlowRuleOperation;
import org.onosproject.net.flow.FlowRuleOperations;
import org.onosproject.net.flow.FlowRuleServiceAdapter;
import org.onosproject.net.flow.IndexTableId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cluster's flow rule store as the switches would hold it: rules per device by flow id, as applied; events
 * for removals the test triggers (idle timeouts).
 */
public final class FakeFlowRuleService extends FlowRuleServiceAdapter {
    private final Map<DeviceId, Map<FlowId, FlowRule>> rules = new LinkedHashMap<>();
    private final List<FlowRuleListener> listeners = new ArrayList<>();
    private int batches;

    @Override
    public void apply(FlowRuleOperations ops) {
        batches++;
        for (Set<FlowRuleOperation> stage : ops.stages()) {
            for (FlowRuleOperation op : stage) {
                if (op.type() == FlowRuleOperation.Type.REMOVE) {
                    deviceRules(op.rule().deviceId()).remove(op.rule().id());
                } else {
                    deviceRules(op.rule().deviceId()).put(op.rule().id(), op.rule());
                }
            }
        }
    }

    @Override
    public void applyFlowRules(FlowRule... flowRules) {
        for (FlowRule r : flowRules) {
            deviceRules(r.deviceId()).put(r.id(), r);
        }
    }

    @Override
    public void removeFlowRules(FlowRule... flowRules) {
        for (FlowRule r : flowRules) {
            deviceRules(r.deviceId()).remove(r.id());
        }
    }

    @Override
    public void removeFlowRulesById(ApplicationId id) {
        rules.values().forEach(m -> m.values().removeIf(r -> r.appId() == id.id()));
    }

    @Override
    public Iterable<FlowEntry> getFlowEntries(DeviceId deviceId) {
        return deviceRules(deviceId).values().stream().map(r -> (FlowEntry) new DefaultFlowEntry(r))
                .collect(Collectors.toList());
    }

    @Override
    public int getFlowRuleCount() {
        return rules.values().stream().mapToInt(Map::size).sum();
    }

    @Override
    public void addListener(FlowRuleListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(FlowRuleListener listener) {
        listeners.remove(listener);
    }

    private Map<FlowId, FlowRule> deviceRules(DeviceId device) {
        return rules.computeIfAbsent(device, d -> new LinkedHashMap<>());
    }

    /** @return the rules a device holds */
    public Collection<FlowRule> rules(DeviceId device) {
        return new ArrayList<>(deviceRules(device).values());
    }

    /** @return the rules of a device in one table with one priority */
    public List<FlowRule> rules(DeviceId device, int table, int priority) {
        return deviceRules(device).values().stream().filter(r -> tableOf(r) == table && r.priority() == priority)
                .collect(Collectors.toList());
    }

    private static int tableOf(FlowRule rule) {
        return rule.table() instanceof IndexTableId ? ((IndexTableId) rule.table()).id() : -1;
    }

    /** Puts a rule on a device behind the app's back (a stale leftover). */
    public void inject(FlowRule rule) {
        deviceRules(rule.deviceId()).put(rule.id(), rule);
    }

    /** Removes a rule behind the app's back (lost on the switch). */
    public void lose(FlowRule rule) {
        deviceRules(rule.deviceId()).remove(rule.id());
    }

    /** The switch idled a rule out: it goes, and ONOS reports its removal with the reason. */
    public void expireIdle(FlowRule rule) {
        deviceRules(rule.deviceId()).remove(rule.id());
        FlowRule removed = DefaultFlowRule.builder()
                .withCookie(rule.id().value())
                .forDevice(rule.deviceId())
                .forTable(rule.table())
                .withPriority(rule.priority())
                .withSelector(rule.selector())
                .withTreatment(rule.treatment())
                .makeTemporary(rule.timeout())
                .withReason(FlowRule.FlowRemoveReason.IDLE_TIMEOUT)
                .build();
        FlowRuleEvent event = new FlowRuleEvent(FlowRuleEvent.Type.RULE_REMOVED, removed);
        new ArrayList<>(listeners).forEach(l -> l.event(event));
    }

    /** @return how many batches were applied */
    public int batches() {
        return batches;
    }
}
