package dev.switchboard.onos;

import dev.switchboard.dispatch.DispatchSettings;
import dev.switchboard.dispatch.Dispatcher;
import dev.switchboard.dispatch.DispatcherCounters;
import dev.switchboard.dispatch.TcpFlags;
import dev.switchboard.dispatch.Verdict;
import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.dispatch.replication.DispatchUpdate;
import dev.switchboard.dispatch.replication.ReplicationChannel;
import dev.switchboard.dispatch.table.SessionEntry;
import dev.switchboard.dispatch.table.SessionFlags;
import dev.switchboard.onos.api.TableKey;
import dev.switchboard.onos.api.TableRegister;
import dev.switchboard.onos.config.DeviceIds;
import dev.switchboard.onos.config.DispatcherSpec;
import dev.switchboard.rules.DispatcherTopology;
import dev.switchboard.rules.RuleConstants;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.TrafficTreatment;
import org.onosproject.net.packet.DefaultOutboundPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs the dispatcher of one dispatcher switch that this ONOS node masters. Everything that touches the
 * dispatch-core {@link Dispatcher} (packet-ins, store events, ticks, API requests) is a task on the agent's own
 * executor, so the dispatcher stays confined to one thread and the ONOS threads that call in never wait.
 *
 * <p>The agent is the dispatcher's {@link ReplicationChannel}: a broadcast becomes a write of the register to
 * the distributed store, and the store's events come back through {@link #deliver}. On start it replays the
 * whole store into the new dispatcher (the bulk sync), then reconciles the switch's rules with the table.
 */
final class DispatcherAgent implements ReplicationChannel {
    private final Logger log = LoggerFactory.getLogger(getClass());
    private final DispatcherSpec spec;
    private final DeviceId device;
    private final AgentContext context;
    private final Executor executor;
    private final RuleWriter writer;
    private final RuleMirror mirror;
    private final Dispatcher dispatcher;
    private ServiceCatalog copyIdsFor;
    private Set<Long> finCopyIds = new HashSet<>();
    private DispatchSettings appliedSettings;
    private volatile boolean stopped;
    private volatile boolean synced;

    DispatcherAgent(DispatcherSpec spec, AgentContext context, Executor executor) {
        this.spec = spec;
        this.device = spec.device();
        this.context = context;
        this.executor = executor;
        this.writer = new RuleWriter(context.flowRules);
        DispatcherTopology topology = DispatcherTopology.of(spec.id(), DeviceIds.dpid(spec.device()),
                (int) spec.trunkPort().toLong(), (int) spec.sanPort().toLong());
        this.mirror = new RuleMirror(topology, context.catalog, context.settings, context.translator, writer);
        this.appliedSettings = context.settings.get();
        this.dispatcher = new Dispatcher(spec.id(), appliedSettings, context.catalog, context.clock, mirror,
                context.incarnation.getAsLong());
        this.dispatcher.connect(this);
    }

    int id() {
        return spec.id();
    }

    DispatcherSpec spec() {
        return spec;
    }

    /** Replays the store into the dispatcher, marks it ready and reconciles the switch. */
    void start() {
        submit(this::syncAndReconcile);
    }

    /**
     * Stops taking tasks; queued ones are skipped, and an executor service of the agent's own is shut down. Rules
     * stay on the switch for the next master to reconcile.
     */
    void stop() {
        stopped = true;
        if (executor instanceof ExecutorService) {
            ((ExecutorService) executor).shutdown();
        }
    }

    boolean isReady() {
        return synced && dispatcher.isReady();
    }

    /** @return a recent entry count (read without the dispatcher's thread: approximate) */
    int sessionCount() {
        return dispatcher.table().entryCount();
    }

    /** @return a recent lock count (approximate, like {@link #sessionCount()}) */
    int lockCount() {
        return dispatcher.table().lockCount();
    }

    Map<DispatcherCounters.Counter, Long> counters() {
        return dispatcher.counters().snapshot();
    }

    private void submit(Runnable task) {
        if (stopped) {
            return;
        }
        try {
            executor.execute(() -> {
                if (stopped) {
                    return;
                }
                try {
                    applySettings();
                    task.run();
                } catch (RuntimeException e) {
                    log.error("Dispatcher {} task failed", spec.id(), e);
                } finally {
                    writer.flush();
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("Dispatcher {} is stopping; task dropped", spec.id());
        }
    }

    /** Makes the dispatcher take the new settings now rather than at its next packet or timer. */
    void settingsChanged() {
        submit(() -> { });
    }

    private void applySettings() {
        DispatchSettings current = context.settings.get();
        if (current != appliedSettings) {
            dispatcher.updateSettings(current);
            appliedSettings = current;
        }
    }

    private void syncAndReconcile() {
        ServiceCatalog catalog = context.catalog.get();
        int skipped = 0;
        for (Map.Entry<TableKey, TableRegister> e : context.store.registers().entrySet()) {
            DispatchUpdate update = RegisterTranslator.toUpdate(e.getKey().high(), e.getKey().low(), e.getValue(),
                    catalog);
            if (update == null) {
                skipped++;
                continue;
            }
            dispatcher.deliver(update);
        }
        dispatcher.deliver(DispatchUpdate.syncComplete(spec.id()));
        reconcileNow();
        mirror.goLive();
        synced = true;
        log.info("Dispatcher {} on {} synced ({} sessions, {} registers skipped)", spec.id(), device,
                dispatcher.table().entryCount(), skipped);
    }

    /** Re-checks the switch's rules against the table (after a configuration change or on request). */
    void reconcile() {
        submit(this::reconcileNow);
    }

    private void reconcileNow() {
        RuleReconciler.Outcome outcome = RuleReconciler.reconcile(context.flowRules.getFlowEntries(device),
                mirror.desiredRules(dispatcher), context.appId.id(), rule -> false, writer);
        log.info("Dispatcher {} rules on {} reconciled: {}", spec.id(), device, outcome);
    }

    /** Hands a store event to the dispatcher, unless this dispatcher wrote it. */
    void deliver(TableKey key, TableRegister register) {
        if (register.writer() == spec.id() && context.node.equals(register.writerNode())) {
            return;
        }
        submit(() -> deliverNow(key, register));
    }

    private void deliverNow(TableKey key, TableRegister register) {
        if (!synced) {
            return;
        }
        DispatchUpdate update = RegisterTranslator.toUpdate(key.high(), key.low(), register, context.catalog.get());
        if (update == null) {
            log.debug("Register {} names server '{}', unknown here; skipped", key, register.server());
            return;
        }
        dispatcher.deliver(update);
        if (update.kind() == DispatchUpdate.Kind.PLACE) {
            repairMarks(update);
        }
    }

    /**
     * Two dispatchers that mark the same entry at once write the same stamp with different bits, and the store
     * keeps whichever arrived last. Every dispatcher merged both (by OR), so one that holds bits the stored value
     * lacks writes the union back; bits only grow, so this ends.
     */
    private void repairMarks(DispatchUpdate delivered) {
        Optional<SessionEntry> local = dispatcher.lookup(SessionKey.unpack(delivered.keyHigh(), delivered.keyLow()));
        if (local.isEmpty() || local.get().stamp() != delivered.stamp()) {
            return;
        }
        SessionEntry e = local.get();
        if ((e.flags() | delivered.flags()) != delivered.flags() || (e.idleMask() | delivered.idleMask())
                != delivered.idleMask()) {
            broadcast(DispatchUpdate.mark(delivered.keyHigh(), delivered.keyLow(), e.stamp(), e.serverIndex(),
                    e.flags(), e.idleMask()));
        }
    }

    /** Decides a packet-in and sends it on (or drops it). */
    void onPacket(DispatchPacket packet) {
        submit(() -> handlePacket(packet));
    }

    private void handlePacket(DispatchPacket p) {
        boolean tcp = p.ipProtocol == Protocol.TCP.ipNumber();
        int endFlags = tcp ? p.tcpFlags & (TcpFlags.FIN | TcpFlags.RST) : 0;
        if (p.inPort.equals(spec.sanPort())) {
            if (endFlags != 0) {
                SessionKey key = context.catalog.get().sessionOfReply(Protocol.TCP, p.srcAddress, p.srcPort,
                        p.dstAddress, p.dstPort);
                if (key != null) {
                    dispatcher.onTermination(key, observed(endFlags, SessionFlags.SERVER_FIN));
                }
            }
            return;
        }
        if (!p.inPort.equals(spec.trunkPort())) {
            return;
        }
        if (endFlags != 0 && isFinCopy(p)) {
            dispatcher.onTermination(clientKey(p), observed(endFlags, SessionFlags.CLIENT_FIN));
            return;
        }
        Verdict verdict = dispatcher.onPacket(p.ipProtocol, p.srcAddress, p.srcPort, p.dstAddress, p.dstPort,
                p.tcpFlags);
        switch (verdict.action()) {
            case FORWARD_TO_SERVER: {
                Server server = verdict.server();
                if (server.mac() == dev.switchboard.dispatch.model.MacAddress.UNKNOWN) {
                    log.warn("Dispatcher {}: server '{}' has no MAC configured; packet not delivered", spec.id(),
                            server.name());
                    break;
                }
                emit(DefaultTrafficTreatment.builder()
                        .setEthDst(MacAddress.valueOf(server.mac()))
                        .setIpDst(Ip4Address.valueOf(server.address()))
                        .setOutput(spec.sanPort())
                        .build(), p.frame);
                break;
            }
            case FORWARD_TO_DISPATCHER:
                emit(DefaultTrafficTreatment.builder()
                        .setEthDst(MacAddress.valueOf(RuleConstants.dispatcherMac(verdict.dispatcher())))
                        .setOutput(spec.trunkPort())
                        .build(), p.frame);
                mirror.redirect(SessionKey.of(p.ipProtocol == Protocol.UDP.ipNumber() ? Protocol.UDP : Protocol.TCP,
                        p.srcAddress, p.srcPort, p.dstAddress, p.dstPort), verdict.dispatcher());
                break;
            default:
                log.trace("Dispatcher {} dropped a packet: {}", spec.id(), verdict.dropReason());
        }
        if (endFlags != 0 && verdict.action() == Verdict.Action.FORWARD_TO_SERVER) {
            // A FIN or RST that missed the session rule (it had idled out here): forwarded above, and it ends the
            // session like a copy would.
            dispatcher.onTermination(clientKey(p), observed(endFlags, SessionFlags.CLIENT_FIN));
        }
    }

    private static SessionKey clientKey(DispatchPacket p) {
        return SessionKey.of(Protocol.TCP, p.srcAddress, p.srcPort, p.dstAddress, p.dstPort);
    }

    private static int observed(int tcpEndFlags, int finBit) {
        int bits = 0;
        if ((tcpEndFlags & TcpFlags.FIN) != 0) {
            bits |= finBit;
        }
        if ((tcpEndFlags & TcpFlags.RST) != 0) {
            bits |= SessionFlags.RESET;
        }
        return bits;
    }

    /**
     * A FIN or RST reaches the controller twice over: as the table-0 copy (the packet itself continues in the
     * switch) and, when no session rule matches, as a table-1 miss (nothing forwards it). The packet-in cookie
     * tells which; without one, assume the copy.
     */
    private boolean isFinCopy(DispatchPacket p) {
        if (p.cookie.isEmpty()) {
            return true;
        }
        ServiceCatalog catalog = context.catalog.get();
        if (catalog != copyIdsFor) {
            Set<Long> ids = new HashSet<>();
            for (dev.switchboard.rules.FlowRule r : mirror.rules().finCopyRules()) {
                for (FlowRule onos : context.translator.flows(r)) {
                    ids.add(onos.id().value());
                }
            }
            finCopyIds = ids;
            copyIdsFor = catalog;
        }
        return finCopyIds.contains(p.cookie.get());
    }

    private void emit(TrafficTreatment treatment, byte[] frame) {
        context.packets.emit(new DefaultOutboundPacket(device, treatment, ByteBuffer.wrap(frame)));
    }

    /** The switch removed the session's rule after the idle timeout. */
    void onIdle(SessionKey key) {
        submit(() -> dispatcher.onDataPlaneIdle(key));
    }

    /** Runs the dispatcher's timers. */
    void tick() {
        submit(dispatcher::tick);
    }

    /** The set of live dispatchers changed. */
    void membershipChanged() {
        submit(dispatcher::onMembershipChanged);
    }

    /**
     * Ends a session or lock everywhere.
     *
     * @return completes with whether there was one; exceptionally when the agent is stopping
     */
    CompletableFuture<Boolean> terminate(SessionKey key) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        submit(() -> result.complete(dispatcher.terminate(key)));
        if (stopped) {
            result.completeExceptionally(new IllegalStateException("dispatcher " + spec.id() + " stopped"));
        }
        return result;
    }

    // ReplicationChannel: called by the dispatcher on this agent's thread.

    @Override
    public void broadcast(DispatchUpdate update) {
        TableRegister register = RegisterTranslator.toRegister(update, context.catalog.get(), spec.id(),
                context.node, context.wallMillis.getAsLong());
        if (register != null) {
            context.store.put(TableKey.of(update.keyHigh(), update.keyLow()), register);
        }
    }

    @Override
    public long liveMembers() {
        return context.liveMembers.getAsLong();
    }

    @Override
    public String toString() {
        return "DispatcherAgent{" + spec + "}";
    }
}
