package dev.switchboard.controller.dispatch;

import dev.switchboard.controller.config.DispatcherConfig;
import dev.switchboard.controller.config.SwitchboardConfig;
import dev.switchboard.dispatch.DispatchSettings;
import dev.switchboard.dispatch.Dispatcher;
import dev.switchboard.dispatch.DispatcherCounters;
import dev.switchboard.dispatch.DispatcherCounters.Counter;
import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.MacAddress;
import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServerGroup;
import dev.switchboard.dispatch.model.ServerState;
import dev.switchboard.dispatch.model.Service;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.ServiceId;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.dispatch.table.ClientLock;
import dev.switchboard.dispatch.table.DispatchTable;
import dev.switchboard.dispatch.table.SessionEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator can see and change in a running {@link Switchboard}: the one facade behind the
 * northbound API.
 *
 * <p>Catalog changes are validated against the current catalog inside {@link CatalogHolder#update}, so a
 * refused change ({@link OperationRefused}) leaves everything as it was. Reads of dispatch tables and
 * session terminations run on the dispatcher's own event loop and come back as futures; nothing here
 * blocks an event loop. Tables mirror each other, so table queries read one table: the lowest-id
 * dispatcher that is running and ready (the <em>source</em>).
 *
 * <p>Threading: safe from any thread. Writers are serialized.
 */
public final class SwitchboardService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SwitchboardService.class);
    /** How long one dispatcher may take to answer a table read before it is left out of a status. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

    private final Switchboard switchboard;
    private final SwitchboardConfig config;
    private final CatalogHolder catalog;
    private final PlacementRate placementRate = new PlacementRate();
    private final Object samplerLock = new Object();
    private final Map<Integer, Dispatcher> sampledInstances = new HashMap<>();
    private final Map<Integer, Long> sampledValues = new HashMap<>();
    private final ScheduledExecutorService sampler;
    private long placedTotal;

    /** Starts sampling the placement rate once a second; {@link #close()} stops it. */
    public SwitchboardService(Switchboard switchboard) {
        this.switchboard = Objects.requireNonNull(switchboard, "switchboard");
        this.config = switchboard.config();
        this.catalog = switchboard.catalog();
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-rate-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(this::samplePlacements, 0, 1, TimeUnit.SECONDS);
    }

    public SwitchboardConfig config() {
        return config;
    }

    /** @return the current catalog */
    public ServiceCatalog catalog() {
        return catalog.get();
    }

    /** @return the SAN switch port of a server, or -1 when unknown */
    public int sanPortOf(String server) {
        return switchboard.sanPortOf(server).orElse(-1);
    }

    // ---------------------------------------------------------------- services

    /**
     * @throws OperationRefused when the name or the address is taken, the VIP is another host's address,
     *                          or the group does not exist
     */
    public synchronized Service addService(String name, int vip, Protocol protocol, int port, String group) {
        ServiceId id = ServiceId.of(vip, protocol, port);
        ServiceCatalog next = catalog.update(c -> {
            if (c.service(name) != null) {
                throw OperationRefused.conflict("name", "service '" + name + "' already exists");
            }
            Service taken = c.serviceAt(vip, protocol.ipNumber(), port);
            if (taken != null) {
                throw OperationRefused.conflict("port", id + " is already served by service '" + taken.name() + "'");
            }
            String host = hostAt(c, vip);
            if (host != null) {
                throw OperationRefused.conflict("vip", "'" + Ipv4.format(vip) + "' is the address of " + host);
            }
            if (c.group(group) == null) {
                throw OperationRefused.unknownReference("group", "group '" + group + "' does not exist");
            }
            return c.withService(Service.of(name, id, group));
        });
        log.info("service {} added: {} -> {}", name, id, group);
        return next.service(name);
    }

    /** @throws OperationRefused when there is no such service */
    public synchronized void removeService(String name) {
        catalog.update(c -> {
            if (c.service(name) == null) {
                throw OperationRefused.notFound("service '" + name + "' does not exist");
            }
            return c.withoutService(name);
        });
        log.info("service {} removed", name);
    }

    /** @return who else uses this address (a server or a gateway), or {@code null} */
    private String hostAt(ServiceCatalog c, int address) {
        Server server = c.serverAt(address);
        if (server != null) {
            return "server '" + server.name() + "'";
        }
        if (address == config.router().gateway().ip()) {
            return "the client gateway";
        }
        if (address == config.san().gateway().ip()) {
            return "the server gateway";
        }
        return null;
    }

    // ---------------------------------------------------------------- groups

    /** @throws OperationRefused when the name is taken or a member is unknown or listed twice */
    public synchronized ServerGroup addGroup(String name, List<String> members) {
        ServiceCatalog next = catalog.update(c -> {
            if (c.group(name) != null) {
                throw OperationRefused.conflict("name", "group '" + name + "' already exists");
            }
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                Server server = c.server(members.get(i));
                if (server == null) {
                    throw OperationRefused.unknownReference("servers[" + i + "]",
                            "server '" + members.get(i) + "' does not exist");
                }
                if (indexes.contains(server.index())) {
                    throw OperationRefused.invalid("servers[" + i + "]",
                            "server '" + members.get(i) + "' is listed twice");
                }
                indexes.add(server.index());
            }
            return c.withGroup(ServerGroup.of(name, indexes));
        });
        log.info("group {} added with {}", name, members);
        return next.group(name);
    }

    /** @throws OperationRefused when there is no such group or a service uses it */
    public synchronized void removeGroup(String name) {
        catalog.update(c -> {
            if (c.group(name) == null) {
                throw OperationRefused.notFound("group '" + name + "' does not exist");
            }
            for (Service s : c.services()) {
                if (s.group().equals(name)) {
                    throw OperationRefused.conflict(null, "group '" + name + "' is still used by service '"
                            + s.name() + "'");
                }
            }
            return c.withoutGroup(name);
        });
        log.info("group {} removed", name);
    }

    /**
     * Adds a member; adding a member again changes nothing.
     *
     * @throws OperationRefused when the group or the server does not exist
     */
    public synchronized ServerGroup addMember(String group, String server) {
        ServiceCatalog next = catalog.update(c -> {
            ServerGroup g = existingGroup(c, group);
            Server s = existingServer(c, server);
            return g.members().contains(s.index()) ? c : c.withGroup(g.withMember(s.index()));
        });
        log.info("server {} is in group {}", server, group);
        return next.group(group);
    }

    /**
     * Removes a member. Its sessions go on; selection stops choosing it for the group's services.
     *
     * @throws OperationRefused when the group or the server does not exist, or the server is not a member
     */
    public synchronized ServerGroup removeMember(String group, String server) {
        ServiceCatalog next = catalog.update(c -> {
            ServerGroup g = existingGroup(c, group);
            Server s = existingServer(c, server);
            if (!g.members().contains(s.index())) {
                throw OperationRefused.notFound("server '" + server + "' is not in group '" + group + "'");
            }
            return c.withGroup(g.withoutMember(s.index()));
        });
        log.info("server {} left group {}", server, group);
        return next.group(group);
    }

    private static ServerGroup existingGroup(ServiceCatalog c, String name) {
        ServerGroup g = c.group(name);
        if (g == null) {
            throw OperationRefused.notFound("group '" + name + "' does not exist");
        }
        return g;
    }

    private static Server existingServer(ServiceCatalog c, String name) {
        Server s = c.server(name);
        if (s == null) {
            throw OperationRefused.notFound("server '" + name + "' does not exist");
        }
        return s;
    }

    // ---------------------------------------------------------------- servers

    /**
     * Adds an active server, optionally to a group, in one catalog change.
     *
     * @throws OperationRefused when the name, address, MAC or SAN port is taken or the group is unknown
     */
    public synchronized Server addServer(NewServer s) {
        ServiceCatalog current = catalog.get();
        if (current.server(s.name()) != null) {
            throw OperationRefused.conflict("name", "server '" + s.name() + "' already exists");
        }
        String portUser = sanPortUser(current, s.sanSwitchPort());
        if (portUser != null) {
            throw OperationRefused.conflict("sanSwitchPort", "SAN switch port " + s.sanSwitchPort()
                    + " is already used by " + portUser);
        }
        // The SAN switch's rules for the new catalog need the port, so it is known before the change.
        switchboard.attachServer(s.name(), s.sanSwitchPort());
        ServiceCatalog next;
        try {
            next = catalog.update(c -> withNewServer(c, s));
        } catch (RuntimeException e) {
            switchboard.detachServer(s.name());
            throw e;
        }
        log.info("server {} added ({}, SAN port {}{})", s.name(), Ipv4.format(s.ip()), s.sanSwitchPort(),
                s.group() == null ? "" : ", group " + s.group());
        return next.server(s.name());
    }

    private ServiceCatalog withNewServer(ServiceCatalog c, NewServer s) {
        if (c.server(s.name()) != null) {
            throw OperationRefused.conflict("name", "server '" + s.name() + "' already exists");
        }
        String host = hostAt(c, s.ip());
        if (host == null && c.isVip(s.ip())) {
            host = "a service VIP";
        }
        if (host != null) {
            throw OperationRefused.conflict("ip", "'" + Ipv4.format(s.ip()) + "' is the address of " + host);
        }
        if (s.mac() != MacAddress.UNKNOWN) {
            String macUser = macUser(c, s.mac());
            if (macUser != null) {
                throw OperationRefused.conflict("mac", "'" + MacAddress.format(s.mac()) + "' is the MAC of "
                        + macUser);
            }
        }
        ServerGroup group = null;
        if (s.group() != null) {
            group = c.group(s.group());
            if (group == null) {
                throw OperationRefused.unknownReference("group", "group '" + s.group() + "' does not exist");
            }
        }
        ServiceCatalog next = c.withNewServer(s.name(), s.ip(), s.mac(), s.weight());
        return group == null ? next : next.withGroup(group.withMember(next.server(s.name()).index()));
    }

    private String macUser(ServiceCatalog c, long mac) {
        for (Server other : c.servers()) {
            if (other.mac() == mac) {
                return "server '" + other.name() + "'";
            }
        }
        if (mac == config.router().gateway().mac()) {
            return "the client gateway";
        }
        return mac == config.san().gateway().mac() ? "the server gateway" : null;
    }

    private String sanPortUser(ServiceCatalog c, int port) {
        for (DispatcherConfig d : config.dispatchers()) {
            if (d.sanSwitchPort() == port) {
                return "dispatcher " + d.id();
            }
        }
        for (Server other : c.servers()) {
            if (switchboard.sanPortOf(other.name()).orElse(-1) == port) {
                return "server '" + other.name() + "'";
            }
        }
        return null;
    }

    /**
     * Removes a server that no group lists. Its remaining sessions end at their next packet.
     *
     * @throws OperationRefused when there is no such server or a group still lists it
     */
    public synchronized void removeServer(String name) {
        catalog.update(c -> {
            Server s = existingServer(c, name);
            List<ServerGroup> groups = c.groupsOf(s);
            if (!groups.isEmpty()) {
                throw OperationRefused.conflict(null, "server '" + name + "' is still in group '"
                        + groups.get(0).name() + "'; remove it from its groups first");
            }
            return c.withoutServer(name);
        });
        switchboard.detachServer(name);
        log.info("server {} removed", name);
    }

    /** @throws OperationRefused when there is no such server */
    public Server setWeight(String name, int weight) {
        return changeServer(name, s -> s.withWeight(weight), "weight " + weight);
    }

    /**
     * Sets the administrative state: DRAINING and DOWN take no new sessions; existing ones go on.
     *
     * @throws OperationRefused when there is no such server
     */
    public Server setState(String name, ServerState state) {
        return changeServer(name, s -> s.withState(state), "state " + state);
    }

    /**
     * Records the server's reported utilisation, which load-aware selection weighs in.
     *
     * @throws OperationRefused when there is no such server
     */
    public Server reportLoad(String name, double load) {
        return changeServer(name, s -> s.withReportedLoad(load), null);
    }

    private synchronized Server changeServer(String name, UnaryOperator<Server> change, String what) {
        ServiceCatalog next = catalog.update(c -> c.withUpdatedServer(change.apply(existingServer(c, name))));
        if (what != null) {
            log.info("server {}: {}", name, what);
        }
        return next.server(name);
    }

    // ---------------------------------------------------------------- settings

    /** @return the settings the dispatchers run with */
    public DispatchSettings settings() {
        return switchboard.settings();
    }

    /**
     * Applies settings live to every dispatcher (and those that join later).
     *
     * @return completes when every running dispatcher has them
     */
    public synchronized CompletableFuture<Void> updateSettings(DispatchSettings next) {
        log.info("dispatch settings now {}", next);
        return switchboard.updateSettings(next);
    }

    // ---------------------------------------------------------------- dispatch tables

    /** A table read on one dispatcher's thread. */
    private record TableReading(boolean ready, int entries, int locks, int[] activeByServer) {
    }

    /** A query's answer and the dispatcher whose table gave it. */
    private record Sourced<T>(int source, T value) {
    }

    private static <T> CompletableFuture<T> onLoop(DispatcherAgent agent, Function<Dispatcher, T> read) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            agent.connection().eventLoop().execute(() -> {
                try {
                    result.complete(read.apply(agent.dispatcher()));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    private List<DispatcherAgent> agentsById() {
        List<DispatcherAgent> agents = new ArrayList<>(switchboard.agents().values());
        agents.sort(Comparator.comparingInt(DispatcherAgent::id));
        return agents;
    }

    /** Runs a query on the source: the first dispatcher, by id, that answers and is ready. */
    private <T> CompletableFuture<Sourced<T>> onSource(Function<Dispatcher, T> query) {
        return tryFrom(agentsById(), 0, query);
    }

    private <T> CompletableFuture<Sourced<T>> tryFrom(List<DispatcherAgent> agents, int i,
                                                      Function<Dispatcher, T> query) {
        if (i == agents.size()) {
            return CompletableFuture.completedFuture(null);
        }
        DispatcherAgent agent = agents.get(i);
        return onLoop(agent, d -> d.isReady() ? new Sourced<>(agent.id(), query.apply(d)) : null)
                .orTimeout(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(e -> null)
                .thenCompose(r -> r != null ? CompletableFuture.completedFuture(r) : tryFrom(agents, i + 1, query));
    }

    private CompletableFuture<Map<Integer, TableReading>> readings(int serverIndexLimit) {
        Map<Integer, CompletableFuture<TableReading>> pending = new TreeMap<>();
        for (DispatcherAgent agent : switchboard.agents().values()) {
            pending.put(agent.id(), onLoop(agent, d -> read(d, serverIndexLimit))
                    .orTimeout(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(e -> {
                        log.warn("dispatcher {} did not answer a table read: {}", agent.id(), e.toString());
                        return null;
                    }));
        }
        return CompletableFuture.allOf(pending.values().toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            Map<Integer, TableReading> result = new TreeMap<>();
            pending.forEach((id, f) -> {
                TableReading r = f.join();
                if (r != null) {
                    result.put(id, r);
                }
            });
            return result;
        });
    }

    private static TableReading read(Dispatcher d, int serverIndexLimit) {
        DispatchTable table = d.table();
        int[] active = new int[serverIndexLimit];
        for (int i = 0; i < serverIndexLimit; i++) {
            active[i] = table.activeSessions(i);
        }
        return new TableReading(d.isReady(), table.entryCount(), table.lockCount(), active);
    }

    /** @return every configured dispatcher with its status */
    public CompletableFuture<List<DispatcherStatus>> dispatchers() {
        return readings(0).thenApply(this::statuses);
    }

    private List<DispatcherStatus> statuses(Map<Integer, TableReading> readings) {
        Map<Long, DispatcherAgent> agents = switchboard.agents();
        List<DispatcherStatus> result = new ArrayList<>();
        for (DispatcherConfig d : config.dispatchers()) {
            DispatcherAgent agent = agents.get(d.dpid());
            TableReading r = agent == null ? null : readings.get(d.id());
            Map<Counter, Long> counters = agent == null ? zeroCounters() : agent.dispatcher().counters().snapshot();
            boolean connected = agent != null;
            result.add(new DispatcherStatus(d.id(), d.dpid(), connected, r != null && r.ready(),
                    connected && !switchboard.trunkDown(d.id()), r == null ? 0 : r.entries(),
                    r == null ? 0 : r.locks(), counters));
        }
        return result;
    }

    private static Map<Counter, Long> zeroCounters() {
        Map<Counter, Long> zeros = new EnumMap<>(Counter.class);
        for (Counter c : Counter.values()) {
            zeros.put(c, 0L);
        }
        return zeros;
    }

    /** @return live sessions per server index, from the source table (empty when no dispatcher runs) */
    public CompletableFuture<Map<Integer, Integer>> activeSessionsByServer() {
        return stats().thenApply(SwitchboardStats::activeByServer);
    }

    /** @return the whole picture: sessions, rate, per-dispatcher status and counters, per-server load */
    public CompletableFuture<SwitchboardStats> stats() {
        ServiceCatalog cat = catalog.get();
        return readings(cat.serverIndexLimit()).thenApply(readings -> {
            List<DispatcherStatus> statuses = statuses(readings);
            Integer source = null;
            TableReading sourceReading = null;
            for (Map.Entry<Integer, TableReading> e : readings.entrySet()) {
                if (e.getValue().ready()) {
                    source = e.getKey();
                    sourceReading = e.getValue();
                    break;
                }
            }
            Map<Integer, Integer> byServer = new HashMap<>();
            if (sourceReading != null) {
                for (int i = 0; i < sourceReading.activeByServer().length; i++) {
                    byServer.put(i, sourceReading.activeByServer()[i]);
                }
            }
            Map<Counter, Long> totals = zeroCounters();
            for (DispatcherStatus s : statuses) {
                s.counters().forEach((c, v) -> totals.merge(c, v, Long::sum));
            }
            return new SwitchboardStats(sourceReading == null ? 0 : sourceReading.entries(),
                    placementRate.perSecond(), sourceReading == null ? 0 : sourceReading.locks(), source, statuses,
                    byServer, cat, totals);
        });
    }

    /** @return one page of the sessions that match the query */
    public CompletableFuture<SessionPage> sessions(SessionQuery query) {
        return onSource(d -> SessionScan.run(d.table(), query, d.id())).thenApply(r -> r == null
                ? new SessionPage(List.of(), 0, false, null) : r.value());
    }

    /** @return the session's entry, if the source table has one */
    public CompletableFuture<Optional<SessionEntry>> session(SessionKey key) {
        return onSource(d -> d.lookup(key)).thenApply(r -> r == null ? Optional.empty() : r.value());
    }

    /**
     * Ends a session (or a client lock) on every dispatcher: the source writes a tombstone and
     * broadcasts it, and every dispatcher deletes the session's rules.
     *
     * @return whether there was a session or lock to end
     */
    public CompletableFuture<Boolean> terminate(SessionKey key) {
        return onSource(d -> d.terminate(key)).thenApply(r -> {
            boolean ended = r != null && r.value();
            if (ended) {
                log.info("session {} terminated by the operator (dispatcher {})", key, r.source());
            }
            return ended;
        });
    }

    /** @return up to {@code limit} client locks in key order, with the total */
    public CompletableFuture<LockPage> locks(int limit) {
        return onSource(d -> {
            List<ClientLock> locks = new ArrayList<>();
            d.table().forEachLock(locks::add);
            locks.sort((a, b) -> SessionScan.compare(a.key().high(), a.key().low(), b.key().high(), b.key().low()));
            return new LockPage(locks.subList(0, Math.min(limit, locks.size())), locks.size(), d.id());
        }).thenApply(r -> r == null ? new LockPage(List.of(), 0, null) : r.value());
    }

    // ---------------------------------------------------------------- placement rate

    /** Adds every dispatcher's placements since the last sample; counters restart with a new dispatcher. */
    void samplePlacements() {
        synchronized (samplerLock) {
            sampleLocked();
        }
    }

    private void sampleLocked() {
        try {
            for (DispatcherAgent agent : switchboard.agents().values()) {
                Dispatcher d = agent.dispatcher();
                long value = d.counters().get(DispatcherCounters.Counter.SESSIONS_PLACED);
                long previous = sampledInstances.get(agent.id()) == d ? sampledValues.get(agent.id()) : 0L;
                placedTotal += value - previous;
                sampledInstances.put(agent.id(), d);
                sampledValues.put(agent.id(), value);
            }
            placementRate.sample(System.nanoTime(), placedTotal);
        } catch (RuntimeException e) {
            log.warn("placement rate sample failed", e);
        }
    }

    /** Stops the rate sampler. */
    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
