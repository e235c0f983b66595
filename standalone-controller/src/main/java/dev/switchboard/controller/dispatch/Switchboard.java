package dev.switchboard.controller.dispatch;

import dev.switchboard.controller.config.DispatchConfig;
import dev.switchboard.controller.config.DispatcherConfig;
import dev.switchboard.controller.config.SwitchboardConfig;
import dev.switchboard.controller.openflow.PacketIn;
import dev.switchboard.controller.openflow.SwitchConnection;
import dev.switchboard.controller.openflow.SwitchListener;
import dev.switchboard.dispatch.DispatchSettings;
import dev.switchboard.dispatch.Dispatcher;
import dev.switchboard.dispatch.replication.InProcessReplication;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFPortConfig;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.types.OFPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone controller's dispatch application: hands every switch event to the agent of the
 * switch's role (router, dispatcher, SAN switch) and keeps the set of dispatchers that can carry
 * traffic (switch connected and trunk link up), which the SAN switch's uplink group follows.
 *
 * <p>Threading: switch callbacks arrive on each switch's event loop; agents are confined to theirs.
 * The shared maps here are concurrent, and nothing blocks.
 */
public final class Switchboard implements SwitchListener {
    private static final Logger log = LoggerFactory.getLogger(Switchboard.class);

    private final SwitchboardConfig config;
    private final CatalogHolder catalog;
    private final InProcessReplication replication = new InProcessReplication();
    private final Map<Long, DispatcherAgent> dispatchers = new ConcurrentHashMap<>();
    /** Dispatchers whose trunk link the router's end reports down. */
    private final Set<Integer> routerEndDown = ConcurrentHashMap.newKeySet();
    /** Dispatchers whose trunk link their own switch's end reports down. */
    private final Set<Integer> dispatcherEndDown = ConcurrentHashMap.newKeySet();
    /** SAN switch port per server name: the file's servers, plus those added at run time (REST). */
    private final Map<String, Integer> serverPorts = new ConcurrentHashMap<>();
    private final RouterAgent router;
    private final SanAgent san;
    private volatile DispatchSettings settings;

    public Switchboard(SwitchboardConfig config, CatalogHolder catalog) {
        this.config = config;
        this.catalog = catalog;
        this.settings = settingsOf(config.dispatch(), config.dispatchers().size(), Runtime.getRuntime().maxMemory());
        log.info("dispatch tables sized for {} sessions each; {}", settings.expectedSessions(),
                settings.maxSessions() == 0 ? "no session limit" : "new sessions refused beyond "
                        + settings.maxSessions() + (config.dispatch().maxSessions() == DispatchConfig.HEAP_DERIVED
                        ? " registers per table (derived from the heap)" : " registers per table"));
        config.servers().forEach(s -> serverPorts.put(s.name(), s.sanSwitchPort()));
        this.router = new RouterAgent(config.router(), catalog);
        this.san = new SanAgent(config, catalog, serverPorts);
        catalog.onChange(next -> {
            dispatchers.values().forEach(agent -> agent.catalogChanged(next));
            router.catalogChanged();
            san.catalogChanged();
        });
    }

    static DispatchSettings settingsOf(DispatchConfig d, int dispatchers, long maxHeapBytes) {
        return DispatchSettings.builder()
                .strategy(d.strategy())
                .fallback(d.fallback())
                .lockTtl(Duration.ofMillis(d.lockTtlMillis()))
                .idleTimeout(Duration.ofSeconds(d.idleTimeoutSeconds()))
                .finLinger(Duration.ofMillis(d.finLingerMillis()))
                .expectedSessions(d.expectedSessions())
                .maxSessions(d.maxSessionsFor(dispatchers, maxHeapBytes))
                .build();
    }

    @Override
    public void switchReady(SwitchConnection c) {
        switch (config.roleOf(c.dpid()).orElse(null)) {
            case ROUTER:
                router.attach(c);
                for (DispatcherConfig d : config.dispatchers()) {
                    setTrunkEnd(routerEndDown, d.id(), portUp(c, router.trunkPortOf(d.id())));
                }
                break;
            case SAN:
                san.attach(c, usableDispatchers());
                break;
            case DISPATCHER:
                DispatcherConfig d = config.dispatcherAt(c.dpid()).orElseThrow();
                DispatchSettings used = settings;
                DispatcherAgent agent = new DispatcherAgent(d, c, catalog, used);
                DispatcherAgent previous = dispatchers.put(c.dpid(), agent);
                if (previous != null) {
                    previous.stop();
                }
                // updateSettings may have run between reading the settings and publishing the agent.
                DispatchSettings now = settings;
                if (now != used) {
                    agent.dispatcher().updateSettings(now);
                }
                agent.start(replication);
                setTrunkEnd(dispatcherEndDown, d.id(), portUp(c, d.trunkPort()));
                membershipChanged();
                break;
            default:
                log.warn("switch {} is not in the configuration; leaving it alone", c.datapathId());
        }
    }

    @Override
    public void switchDisconnected(SwitchConnection c) {
        DispatcherAgent agent = dispatchers.get(c.dpid());
        if (agent != null && agent.connection() == c) {
            dispatchers.remove(c.dpid(), agent);
            agent.stop();
            log.warn("dispatcher {} lost its switch; its sessions stay on the others", agent.id());
            membershipChanged();
        }
        router.detach(c);
        san.detach(c);
    }

    private void membershipChanged() {
        for (DispatcherAgent agent : dispatchers.values()) {
            agent.connection().eventLoop().execute(() -> agent.dispatcher().onMembershipChanged());
        }
        san.usableDispatchersChanged(usableDispatchers());
    }

    @Override
    public void packetIn(SwitchConnection c, PacketIn packetIn) {
        DispatcherAgent agent = dispatchers.get(c.dpid());
        if (agent != null && agent.connection() == c) {
            agent.packetIn(packetIn);
        } else if (c.dpid() == config.router().dpid()) {
            router.packetIn(c, packetIn);
        } else if (c.dpid() == config.san().dpid()) {
            san.packetIn(c, packetIn);
        }
    }

    @Override
    public void flowRemoved(SwitchConnection c, OFFlowRemoved flowRemoved) {
        DispatcherAgent agent = dispatchers.get(c.dpid());
        if (agent != null && agent.connection() == c) {
            agent.flowRemoved(flowRemoved);
        }
    }

    /**
     * A link has two ends, and each reports its own transitions (OVS reports "not live" before
     * "link down", per end): the link carries traffic only while both ends are up, so a late "up" from
     * one end can never put a dispatcher whose other end is down back into the SAN group.
     */
    @Override
    public void portStatus(SwitchConnection c, OFPortStatus status) {
        long port = status.getDesc().getPortNo().getPortNumber() & 0xffffffffL;
        boolean up = status.getReason() != OFPortReason.DELETE && isUp(status.getDesc());
        if (c.dpid() == config.router().dpid()) {
            int dispatcher = router.dispatcherAtPort(port);
            if (dispatcher >= 0) {
                setTrunkEnd(routerEndDown, dispatcher, up);
            }
            return;
        }
        config.dispatcherAt(c.dpid()).filter(d -> d.trunkPort() == port)
                .ifPresent(d -> setTrunkEnd(dispatcherEndDown, d.id(), up));
    }

    private synchronized void setTrunkEnd(Set<Integer> endDown, int dispatcherId, boolean up) {
        boolean wasDown = trunkDown(dispatcherId);
        boolean changed = up ? endDown.remove(dispatcherId) : endDown.add(dispatcherId);
        if (changed && wasDown != trunkDown(dispatcherId)) {
            log.warn("trunk link of dispatcher {} is {}", dispatcherId, up ? "up" : "down");
            san.usableDispatchersChanged(usableDispatchers());
        }
    }

    private static boolean portUp(SwitchConnection c, long port) {
        OFPortDesc desc = port < 0 ? null : c.port(OFPort.of((int) port));
        return desc != null && isUp(desc);
    }

    private static boolean isUp(OFPortDesc desc) {
        return !desc.getState().contains(OFPortState.LINK_DOWN) && !desc.getConfig().contains(OFPortConfig.PORT_DOWN);
    }

    /** @return the dispatchers whose switch is connected and whose trunk link is up */
    public Set<Integer> usableDispatchers() {
        Set<Integer> usable = new TreeSet<>();
        for (DispatcherAgent agent : dispatchers.values()) {
            if (!trunkDown(agent.id())) {
                usable.add(agent.id());
            }
        }
        return usable;
    }

    /** @return the running dispatchers (counters readable anywhere; tables only on their event loops) */
    public Collection<Dispatcher> runningDispatchers() {
        return dispatchers.values().stream().map(DispatcherAgent::dispatcher).toList();
    }

    /** @return whether the dispatcher's trunk link is down */
    public boolean trunkDown(int dispatcherId) {
        return routerEndDown.contains(dispatcherId) || dispatcherEndDown.contains(dispatcherId);
    }

    public CatalogHolder catalog() {
        return catalog;
    }

    public SwitchboardConfig config() {
        return config;
    }

    /** @return the number of clients the router learned */
    public int learnedClients() {
        return router.clientCount();
    }

    Map<Long, DispatcherAgent> agents() {
        return dispatchers;
    }

    /** @return the dispatch settings every dispatcher runs with (or will, once an update reached it) */
    public DispatchSettings settings() {
        return settings;
    }

    /**
     * Applies new settings live: dispatchers that join later start with them, running ones get them on
     * their own event loop.
     *
     * @return completes when every running dispatcher has them
     */
    public CompletableFuture<Void> updateSettings(DispatchSettings next) {
        settings = Objects.requireNonNull(next, "next");
        List<CompletableFuture<Void>> applied = new ArrayList<>();
        for (DispatcherAgent agent : dispatchers.values()) {
            applied.add(CompletableFuture.runAsync(() -> agent.dispatcher().updateSettings(next),
                    agent.connection().eventLoop()));
        }
        return CompletableFuture.allOf(applied.toArray(new CompletableFuture<?>[0]));
    }

    /** @return the SAN switch port the server is cabled to, if known */
    public OptionalInt sanPortOf(String server) {
        Integer port = serverPorts.get(server);
        return port == null ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /**
     * Records where a server that is about to join the catalog is cabled; call it before the catalog
     * change, because the SAN switch's rules for the new catalog need the port.
     */
    public void attachServer(String server, int sanSwitchPort) {
        serverPorts.put(server, sanSwitchPort);
    }

    /** Forgets a server's port after it left the catalog (or when adding it failed). */
    public void detachServer(String server) {
        serverPorts.remove(server);
    }
}
