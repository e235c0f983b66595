package dev.switchboard.controller.dispatch;

import dev.switchboard.controller.config.DispatcherConfig;
import dev.switchboard.controller.openflow.PacketIn;
import dev.switchboard.controller.openflow.SwitchConnection;
import dev.switchboard.controller.packet.PacketHeaders;
import dev.switchboard.dispatch.DispatchSettings;
import dev.switchboard.dispatch.DispatchTableListener;
import dev.switchboard.dispatch.Dispatcher;
import dev.switchboard.dispatch.NanoClock;
import dev.switchboard.dispatch.RemovalCause;
import dev.switchboard.dispatch.Verdict;
import dev.switchboard.dispatch.model.MacAddress;
import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.dispatch.replication.InProcessReplication;
import dev.switchboard.dispatch.table.ClientLock;
import dev.switchboard.dispatch.table.SessionEntry;
import dev.switchboard.dispatch.table.SessionFlags;
import dev.switchboard.rules.Action;
import dev.switchboard.rules.Cookies;
import dev.switchboard.rules.DispatcherRules;
import dev.switchboard.rules.DispatcherTopology;
import dev.switchboard.rules.FlowDelete;
import dev.switchboard.rules.FlowRule;
import dev.switchboard.rules.RuleSet;
import dev.switchboard.rules.RuleConstants;
import dev.switchboard.rules.RuleKind;
import dev.switchboard.rules.openflow.OpenFlowDecoder;
import dev.switchboard.rules.openflow.OpenFlowEncoder;
import dev.switchboard.rules.openflow.PacketOuts;
import dev.switchboard.rules.openflow.SessionFlowMods;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFFlowRemovedReason;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one dispatcher for one connected dispatcher switch: packet-ins become decisions and
 * packet-outs, table changes become flow mods, idle flow-removed messages become idle reports.
 *
 * <p>Threading: everything runs on the switch connection's event loop, which is also the
 * dispatcher's thread; replication delivers there too. Nothing here blocks.
 */
final class DispatcherAgent implements DispatchTableListener {
    private static final Logger log = LoggerFactory.getLogger(DispatcherAgent.class);
    /** How often lock, linger and tombstone expiries run. */
    static final long TICK_MILLIS = 20;

    private final DispatcherConfig config;
    private final SwitchConnection connection;
    private final Supplier<ServiceCatalog> catalog;
    private final OpenFlowEncoder encoder;
    /** Packet-outs written in place; null on OpenFlow 1.0 and 1.5, which take the generic encoder. */
    private final PacketOuts packetOuts;
    private final PacketHeaders headers = new PacketHeaders();
    private final Set<SessionKey> installedRedirects = new HashSet<>();
    private final Dispatcher dispatcher;
    private DispatcherRules rules;
    private InProcessReplication.Membership membership;
    private ScheduledFuture<?> ticker;
    /** Session flow mods for the latest idle timeout; null until the first placement or on OpenFlow 1.0/1.5. */
    private SessionFlowMods sessionFlowMods;

    DispatcherAgent(DispatcherConfig config, SwitchConnection connection, Supplier<ServiceCatalog> catalog,
                    DispatchSettings settings) {
        this.config = config;
        this.connection = connection;
        this.catalog = catalog;
        this.encoder = new OpenFlowEncoder(connection.factory());
        this.packetOuts = PacketOuts.supports(connection.version()) ? new PacketOuts(connection.version()) : null;
        this.rules = rulesFor(catalog.get());
        this.dispatcher = new Dispatcher(config.id(), settings, catalog, NanoClock.SYSTEM, this,
                Dispatcher.incarnationNow());
    }

    private DispatcherRules rulesFor(ServiceCatalog c) {
        return new DispatcherRules(DispatcherTopology.of(config.id(), config.dpid(), config.trunkPort(),
                config.sanPort()), c);
    }

    /** Programs the switch's static rules, then joins the other dispatchers (bulk sync follows). */
    void start(InProcessReplication replication) {
        if (connection.version() == OFVersion.OF_10) {
            connection.write(connection.factory().buildFlowDelete().build());
        } else {
            connection.write(encoder.flowDelete(FlowDelete.allSwitchboardRules(config.dpid())));
        }
        connection.write(staticRules());
        membership = replication.join(config.id(), connection.eventLoop(), dispatcher);
        dispatcher.connect(membership);
        ticker = connection.eventLoop().scheduleAtFixedRate(dispatcher::tick, TICK_MILLIS, TICK_MILLIS,
                TimeUnit.MILLISECONDS);
        log.info("dispatcher {} on switch {} joined", config.id(), connection.datapathId());
    }

    /**
     * The rules that do not depend on sessions. OpenFlow 1.0 has one table, no goto and no TCP flag match: a 1.0
     * dispatcher (classic tools such as cbench speak only 1.0) gets the table-1 rules alone, without the FIN/RST
     * copies and the SYN rule, so its sessions end by idle timeout or on other dispatchers' FIN reports.
     */
    private List<OFMessage> staticRules() {
        RuleSet all = rules.staticRules();
        if (connection.version() != OFVersion.OF_10) {
            return encoder.install(all);
        }
        List<OFMessage> messages = new ArrayList<>();
        for (FlowRule rule : all.flows()) {
            if (rule.tableId() == RuleConstants.DISPATCHER_SESSION_TABLE) {
                messages.add(encoder.flowAdd(rule));
            }
        }
        return messages;
    }

    /** Leaves the others: they stop counting this dispatcher and take over its removals. */
    void stop() {
        if (membership != null) {
            membership.leave();
        }
        if (ticker != null) {
            ticker.cancel(false);
        }
    }

    void packetIn(PacketIn packetIn) {
        ByteBuf buffer = packetIn.buffer();
        int frameIndex = packetIn.dataIndex();
        int frameLength = packetIn.dataLength();
        headers.parse(buffer, frameIndex, frameLength);
        if (headers.kind() != PacketHeaders.Kind.TCP && headers.kind() != PacketHeaders.Kind.UDP) {
            return;
        }
        long inPort = packetIn.inPort();
        if (Cookies.isSwitchboard(packetIn.cookie()) && Cookies.kindOf(packetIn.cookie()) == RuleKind.FIN_COPY) {
            termination(inPort);
            return;
        }
        if (inPort != config.trunkPort()) {
            return; // only client-side traffic is decided; replies follow the reverse rules
        }
        Verdict verdict = dispatcher.onPacket(headers.ipProtocol(), headers.ipSrc(), headers.srcPort(),
                headers.ipDst(), headers.dstPort(), headers.tcpFlags());
        switch (verdict.action()) {
            case FORWARD_TO_SERVER:
                Server server = verdict.server();
                if (server.mac() != MacAddress.UNKNOWN) {
                    forwardToServer(packetIn, server);
                }
                break;
            case FORWARD_TO_DISPATCHER:
                forwardToDispatcher(packetIn, verdict.dispatcher());
                redirectFollowingPackets(verdict.dispatcher());
                break;
            default:
                break;
        }
    }

    /** The hot path (a new session's first packet): the frame goes from the receive buffer into the packet-out. */
    private void forwardToServer(PacketIn packetIn, Server server) {
        if (packetOuts == null) {
            byte[] frame = packetIn.data();
            L4Checksums.complete(frame); // an offloaded sender left it unfinished; see L4Checksums
            connection.write(encoder.packetOut(frame, packetIn.inPort(), List.of(Action.setEthDst(server.mac()),
                    Action.setIpv4Dst(server.address()), Action.output(config.sanPort()))));
            return;
        }
        ByteBuf out = connection.appendBuffer(PacketOuts.TO_SERVER_FIXED_LENGTH + packetIn.dataLength());
        int frame = packetOuts.writeToServer(out, (int) connection.nextXid(), packetIn.inPort(), server.mac(),
                server.address(), config.sanPort(), packetIn.buffer(), packetIn.dataIndex(), packetIn.dataLength());
        L4Checksums.complete(out, frame, packetIn.dataLength());
    }

    private void forwardToDispatcher(PacketIn packetIn, int lockingDispatcher) {
        long mac = RuleConstants.dispatcherMac(lockingDispatcher);
        if (packetOuts == null) {
            byte[] frame = packetIn.data();
            L4Checksums.complete(frame);
            connection.write(encoder.packetOut(frame, packetIn.inPort(), List.of(Action.setEthDst(mac),
                    Action.outputInPort())));
            return;
        }
        ByteBuf out = connection.appendBuffer(PacketOuts.TO_DISPATCHER_FIXED_LENGTH + packetIn.dataLength());
        int frame = packetOuts.writeToDispatcher(out, (int) connection.nextXid(), packetIn.inPort(), mac,
                packetIn.buffer(), packetIn.dataIndex(), packetIn.dataLength());
        L4Checksums.complete(out, frame, packetIn.dataLength());
    }

    private void termination(long inPort) {
        if (headers.kind() != PacketHeaders.Kind.TCP) {
            return;
        }
        boolean reset = (headers.tcpFlags() & dev.switchboard.dispatch.TcpFlags.RST) != 0;
        if (inPort == config.trunkPort()) {
            SessionKey key = SessionKey.of(Protocol.TCP, headers.ipSrc(), headers.srcPort(), headers.ipDst(),
                    headers.dstPort());
            dispatcher.onTermination(key, reset ? SessionFlags.RESET : SessionFlags.CLIENT_FIN);
        } else if (inPort == config.sanPort()) {
            SessionKey key = catalog.get().sessionOfReply(Protocol.TCP, headers.ipSrc(), headers.srcPort(),
                    headers.ipDst(), headers.dstPort());
            if (key != null) {
                dispatcher.onTermination(key, reset ? SessionFlags.RESET : SessionFlags.SERVER_FIN);
            }
        }
    }

    void flowRemoved(OFFlowRemoved removed) {
        if (removed.getReason() != OFFlowRemovedReason.IDLE_TIMEOUT) {
            return;
        }
        SessionKey key = OpenFlowDecoder.sessionKey(removed);
        if (key != null) {
            dispatcher.onDataPlaneIdle(key);
        }
    }

    /** Catalog changed: static rules may differ (new services, servers). */
    void catalogChanged(ServiceCatalog next) {
        connection.eventLoop().execute(() -> {
            rules = rulesFor(next);
            connection.write(staticRules());
        });
    }

    @Override
    public void sessionPlaced(SessionEntry entry) {
        Server server = catalog.get().server(entry.serverIndex());
        if (server == null || server.mac() == MacAddress.UNKNOWN) {
            log.warn("dispatcher {}: no rule for {}: server #{} unknown or without MAC", config.id(), entry.key(),
                    entry.serverIndex());
            return;
        }
        // Read per placement: the idle timeout can change live (REST config).
        int idleTimeoutSeconds = (int) dispatcher.settings().idleTimeout().toSeconds();
        if (!SessionFlowMods.supports(connection.version())) {
            connection.write(encoder.flowAdd(rules.sessionRule(entry.key(), server, idleTimeoutSeconds)));
            return;
        }
        // The hot path (one add per dispatcher per new session): bytes straight into the channel's buffer.
        if (sessionFlowMods == null || sessionFlowMods.idleTimeoutSeconds() != idleTimeoutSeconds) {
            sessionFlowMods = new SessionFlowMods(connection.version(), DispatcherTopology.of(config.id(),
                    config.dpid(), config.trunkPort(), config.sanPort()), idleTimeoutSeconds);
        }
        SessionKey key = entry.key();
        sessionFlowMods.writeAdd(connection.appendBuffer(SessionFlowMods.ADD_LENGTH), (int) connection.nextXid(),
                key.high(), key.low(), server.mac(), server.address());
    }

    @Override
    public void sessionRemoved(SessionEntry entry, RemovalCause cause) {
        if (sessionFlowMods == null) {
            connection.write(encoder.flowDelete(rules.sessionRuleDelete(entry.key())));
            return;
        }
        SessionKey key = entry.key();
        sessionFlowMods.writeDeleteStrict(connection.appendBuffer(SessionFlowMods.DELETE_STRICT_LENGTH),
                (int) connection.nextXid(), key.high(), key.low());
    }

    /**
     * A packet met a foreign client lock: the client's next packets go to the locking dispatcher in the data
     * plane until the lock ends. Installed on demand, not when the lock is placed: almost every foreign lock
     * is replaced by its placement within one replication batch, before any second packet arrives, and a rule
     * per lock would double the flow mods exactly when the controller is busiest.
     */
    private void redirectFollowingPackets(int lockingDispatcher) {
        SessionKey key = SessionKey.of(headers.kind() == PacketHeaders.Kind.TCP ? Protocol.TCP : Protocol.UDP,
                headers.ipSrc(), headers.srcPort(), headers.ipDst(), headers.dstPort());
        if (installedRedirects.add(key)) {
            int hardTimeout = (int) Math.max(1, (dispatcher.settings().lockTtl().toMillis() + 999) / 1000);
            connection.write(encoder.flowAdd(rules.lockRedirect(key, RuleConstants.dispatcherMac(lockingDispatcher),
                    hardTimeout)));
        }
    }

    @Override
    public void lockRemoved(ClientLock lock) {
        if (installedRedirects.remove(lock.key())) {
            connection.write(encoder.flowDelete(rules.lockRedirectDelete(lock.key())));
        }
    }

    int id() {
        return config.id();
    }

    SwitchConnection connection() {
        return connection;
    }

    /** @return the dispatcher; touch it only on {@link #connection()}'s event loop (counters: anywhere) */
    Dispatcher dispatcher() {
        return dispatcher;
    }
}
