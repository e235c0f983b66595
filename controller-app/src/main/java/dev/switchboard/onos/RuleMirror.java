package dev.switchboard.onos;

import dev.switchboard.dispatch.DispatchSettings;
import dev.switchboard.dispatch.DispatchTableListener;
import dev.switchboard.dispatch.Dispatcher;
import dev.switchboard.dispatch.RemovalCause;
import dev.switchboard.dispatch.model.MacAddress;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.dispatch.table.ClientLock;
import dev.switchboard.dispatch.table.SessionEntry;
import dev.switchboard.rules.DispatcherRules;
import dev.switchboard.rules.DispatcherTopology;
import dev.switchboard.rules.RuleConstants;
import org.onosproject.net.flow.FlowRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Mirrors one dispatcher's table into its switch: a session rule per entry, and a lock-redirect rule for each
 * foreign client lock a packet has met here ({@link #redirect}). Redirect rules are installed on demand, not per
 * lock: almost every lock is replaced by its placement before a second packet of the client arrives, and a rule
 * plus its removal per lock doubles the rule traffic exactly when the controller is busiest. Runs on the
 * dispatcher's thread (it is the dispatcher's {@link DispatchTableListener}); rules
 * are only queued in the {@link RuleWriter}, never waited for.
 *
 * <p>While the dispatcher's bulk sync runs, the mirror is muted: the rules are then set in one pass by
 * {@link #desiredRules(Dispatcher)}, which the reconciliation compares with what the switch holds.
 */
final class RuleMirror implements DispatchTableListener {
    private final Logger log = LoggerFactory.getLogger(getClass());
    private final DispatcherTopology topology;
    private final Supplier<ServiceCatalog> catalog;
    private final Supplier<DispatchSettings> settings;
    private final RuleTranslator translator;
    private final RuleWriter writer;
    /** Foreign locks whose redirect rule this mirror installed. */
    private final Set<SessionKey> redirected = new HashSet<>();
    private ServiceCatalog compiledFor;
    private DispatcherRules rules;
    private boolean live;

    RuleMirror(DispatcherTopology topology, Supplier<ServiceCatalog> catalog, Supplier<DispatchSettings> settings,
               RuleTranslator translator, RuleWriter writer) {
        this.topology = topology;
        this.catalog = catalog;
        this.settings = settings;
        this.translator = translator;
        this.writer = writer;
    }

    /** Starts mirroring every change (after the bulk sync and its reconciliation). */
    void goLive() {
        live = true;
    }

    DispatcherRules rules() {
        ServiceCatalog current = catalog.get();
        if (current != compiledFor) {
            rules = new DispatcherRules(topology, current);
            compiledFor = current;
        }
        return rules;
    }

    private int idleTimeoutSeconds() {
        return (int) Math.max(1, Math.min(dev.switchboard.rules.FlowRule.MAX_TIMEOUT,
                settings.get().idleTimeout().getSeconds()));
    }

    private int lockTtlSeconds() {
        long millis = settings.get().lockTtl().toMillis();
        return (int) Math.max(1, Math.min(dev.switchboard.rules.FlowRule.MAX_TIMEOUT, (millis + 999) / 1000));
    }

    @Override
    public void sessionPlaced(SessionEntry entry) {
        if (live) {
            writer.add(sessionRule(entry));
        }
    }

    @Override
    public void sessionRemoved(SessionEntry entry, RemovalCause cause) {
        if (live) {
            writer.remove(translator.deletes(rules().sessionRuleDelete(entry.key())));
        }
    }

    /**
     * A packet of this client met a foreign lock here: the client's next packets go to the locking dispatcher in
     * the data plane until the lock ends (the rule's hard timeout is the lock's lifetime).
     */
    void redirect(SessionKey key, int lockingDispatcher) {
        if (live && lockingDispatcher != topology.dispatcherId() && redirected.add(key)) {
            writer.add(lockRule(key, lockingDispatcher));
        }
    }

    @Override
    public void lockRemoved(ClientLock lock) {
        if (redirected.remove(lock.key()) && live) {
            writer.remove(translator.deletes(rules().lockRedirectDelete(lock.key())));
        }
    }

    private List<FlowRule> sessionRule(SessionEntry entry) {
        Server server = catalog.get().server(entry.serverIndex());
        if (server == null || server.mac() == MacAddress.UNKNOWN) {
            log.warn("No rule for {}: server #{} is unknown or has no MAC", entry.key(), entry.serverIndex());
            return List.of();
        }
        try {
            return translator.flows(rules().sessionRule(entry.key(), server, idleTimeoutSeconds()));
        } catch (IllegalArgumentException e) {
            log.warn("No rule for {}: {}", entry.key(), e.getMessage());
            return List.of();
        }
    }

    private List<FlowRule> lockRule(SessionKey key, int lockingDispatcher) {
        return translator.flows(rules().lockRedirect(key, RuleConstants.dispatcherMac(lockingDispatcher),
                lockTtlSeconds()));
    }

    /**
     * @param dispatcher the (synced) dispatcher whose switch this mirror programs
     * @return every rule the switch should hold: static rules, one per session entry, one per foreign lock that
     *         a packet met here
     */
    List<FlowRule> desiredRules(Dispatcher dispatcher) {
        List<FlowRule> desired = new ArrayList<>();
        try {
            for (dev.switchboard.rules.FlowRule r : rules().staticRules().flows()) {
                desired.addAll(translator.flows(r));
            }
        } catch (IllegalArgumentException e) {
            log.warn("Static rules of {} not compiled: {}", topology, e.getMessage());
        }
        dispatcher.table().forEachEntry(entry -> desired.addAll(sessionRule(entry)));
        dispatcher.table().forEachLock(lock -> {
            if (lock.lockedBy() != topology.dispatcherId() && redirected.contains(lock.key())) {
                desired.addAll(lockRule(lock.key(), lock.lockedBy()));
            }
        });
        return desired;
    }
}
