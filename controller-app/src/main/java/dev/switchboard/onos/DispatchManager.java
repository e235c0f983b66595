package dev.switchboard.onos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.dispatch.DispatchSettings;
import dev.switchboard.dispatch.Dispatcher;
import dev.switchboard.dispatch.DispatcherCounters;
import dev.switchboard.dispatch.FallbackPolicy;
import dev.switchboard.dispatch.NanoClock;
import dev.switchboard.dispatch.model.Server;
import dev.switchboard.dispatch.model.ServerState;
import dev.switchboard.dispatch.model.ServiceCatalog;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.dispatch.select.SelectionStrategy;
import dev.switchboard.dispatch.table.Stamp;
import dev.switchboard.onos.api.DispatchAdminService;
import dev.switchboard.onos.api.DispatchService;
import dev.switchboard.onos.api.DispatchSession;
import dev.switchboard.onos.api.DispatchStatistics;
import dev.switchboard.onos.api.DispatchStore;
import dev.switchboard.onos.api.DispatchStoreDelegate;
import dev.switchboard.onos.api.DispatchStoreEvent;
import dev.switchboard.onos.api.DispatcherStatus;
import dev.switchboard.onos.api.OperationRefused;
import dev.switchboard.onos.api.RegisterKind;
import dev.switchboard.onos.api.ServerLoadStore;
import dev.switchboard.onos.api.SettingsLimits;
import dev.switchboard.onos.api.TableKey;
import dev.switchboard.onos.api.TableRegister;
import dev.switchboard.onos.config.CatalogReconciler;
import dev.switchboard.onos.config.DispatcherSpec;
import dev.switchboard.onos.config.ServerSpec;
import dev.switchboard.onos.config.ServiceSpec;
import dev.switchboard.onos.config.SwitchboardConfig;
import dev.switchboard.onos.config.SwitchboardTopology;
import dev.switchboard.onos.config.TopologyChanges;
import dev.switchboard.onos.config.TopologyCodec;
import dev.switchboard.rules.RuleConstants;
import org.onlab.packet.Ethernet;
import org.onlab.packet.IPv4;
import org.onlab.packet.TCP;
import org.onlab.packet.UDP;
import org.onlab.util.Tools;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.cluster.ClusterService;
import org.onosproject.cluster.ControllerNode;
import org.onosproject.cluster.NodeId;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.mastership.MastershipEvent;
import org.onosproject.mastership.MastershipListener;
import org.onosproject.mastership.MastershipService;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Port;
import org.onosproject.net.PortNumber;
import org.onosproject.net.config.ConfigFactory;
import org.onosproject.net.config.InvalidFieldException;
import org.onosproject.net.config.NetworkConfigEvent;
import org.onosproject.net.config.NetworkConfigListener;
import org.onosproject.net.config.NetworkConfigRegistry;
import org.onosproject.net.config.basics.SubjectFactories;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.device.DeviceListener;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleEvent;
import org.onosproject.net.flow.FlowRuleListener;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.group.GroupService;
import org.onosproject.net.packet.InboundPacket;
import org.onosproject.net.packet.PacketContext;
import org.onosproject.net.packet.PacketProcessor;
import org.onosproject.net.packet.PacketService;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

import static dev.switchboard.onos.OsgiPropertyConstants.FALLBACK;
import static dev.switchboard.onos.OsgiPropertyConstants.FALLBACK_DEFAULT;
import static dev.switchboard.onos.OsgiPropertyConstants.FIN_LINGER_MILLIS;
import static dev.switchboard.onos.OsgiPropertyConstants.MAX_SESSIONS;
import static dev.switchboard.onos.OsgiPropertyConstants.MAX_SESSIONS_DEFAULT;
import static dev.switchboard.onos.OsgiPropertyConstants.FIN_LINGER_MILLIS_DEFAULT;
import static dev.switchboard.onos.OsgiPropertyConstants.IDLE_TIMEOUT_SECONDS;
import static dev.switchboard.onos.OsgiPropertyConstants.IDLE_TIMEOUT_SECONDS_DEFAULT;
import static dev.switchboard.onos.OsgiPropertyConstants.LOCK_TTL_MILLIS;
import static dev.switchboard.onos.OsgiPropertyConstants.LOCK_TTL_MILLIS_DEFAULT;
import static dev.switchboard.onos.OsgiPropertyConstants.STRATEGY;
import static dev.switchboard.onos.OsgiPropertyConstants.STRATEGY_DEFAULT;
import static dev.switchboard.onos.OsgiPropertyConstants.TICK_MILLIS;
import static dev.switchboard.onos.OsgiPropertyConstants.TICK_MILLIS_DEFAULT;
import static dev.switchboard.onos.OsgiPropertyConstants.TOMBSTONE_RETENTION_SECONDS;
import static dev.switchboard.onos.OsgiPropertyConstants.TOMBSTONE_RETENTION_SECONDS_DEFAULT;
import static org.onlab.util.Tools.groupedThreads;

/**
 * The Switchboard load balancer inside ONOS. Each ONOS node runs a dispatcher ({@link DispatcherAgent}) for
 * every dispatcher switch it masters; the dispatchers of all nodes share one dispatch table in the
 * {@link DispatchStore}. This component wires them to ONOS: network configuration in, packet-ins to the
 * dispatchers, store events to every local dispatcher, flow-removed (idle) events back, mastership changes to
 * agent start/stop (with rule reconciliation), and programs the router and SAN switch when it masters them.
 */
@Component(immediate = true, service = {DispatchService.class, DispatchAdminService.class},
        property = {
                STRATEGY + "=" + STRATEGY_DEFAULT,
                LOCK_TTL_MILLIS + ":Integer=" + LOCK_TTL_MILLIS_DEFAULT,
                IDLE_TIMEOUT_SECONDS + ":Integer=" + IDLE_TIMEOUT_SECONDS_DEFAULT,
                FIN_LINGER_MILLIS + ":Integer=" + FIN_LINGER_MILLIS_DEFAULT,
                FALLBACK + "=" + FALLBACK_DEFAULT,
                TOMBSTONE_RETENTION_SECONDS + ":Integer=" + TOMBSTONE_RETENTION_SECONDS_DEFAULT,
                TICK_MILLIS + ":Integer=" + TICK_MILLIS_DEFAULT,
                MAX_SESSIONS + ":Integer=" + MAX_SESSIONS_DEFAULT,
        })
public class DispatchManager implements DispatchAdminService {
    /** The ONOS application name (and netcfg subject) of Switchboard. */
    public static final String APP_NAME = "dev.switchboard.app";

    private static final long PURGE_PERIOD_MILLIS = 1000;
    private static final long ADMIN_TIMEOUT_SECONDS = 5;

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected CoreService coreService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected NetworkConfigRegistry networkConfig;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected DeviceService deviceService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected MastershipService mastershipService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected ClusterService clusterService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected PacketService packetService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected FlowRuleService flowRuleService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected GroupService groupService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected ComponentConfigService componentConfig;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected DispatchStore store;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected ServerLoadStore loadStore;

    /** Server selection for new sessions: least-load, weighted-round-robin or consistent-hash. */
    private String strategy = STRATEGY_DEFAULT;

    /** Client lock lifetime in milliseconds: a crashed locking dispatcher never blocks a client longer. */
    private int lockTtlMillis = LOCK_TTL_MILLIS_DEFAULT;

    /** Seconds without traffic before a session's rule leaves a dispatcher switch; idle on all ends the session. */
    private int idleTimeoutSeconds = IDLE_TIMEOUT_SECONDS_DEFAULT;

    /** Milliseconds between FIN in both directions (or RST) and the session's removal. */
    private int finLingerMillis = FIN_LINGER_MILLIS_DEFAULT;
    private int maxSessions = MAX_SESSIONS_DEFAULT;

    /** Non-request packet with no session and no lock: drop, or adopt by consistent-hash. */
    private String fallback = FALLBACK_DEFAULT;

    /** Seconds a removed session's tombstone stays in the store, so late updates cannot resurrect it. */
    private int tombstoneRetentionSeconds = TOMBSTONE_RETENTION_SECONDS_DEFAULT;

    /** Milliseconds between runs of the dispatchers' timers (lock expiry, FIN linger, removals). */
    private int tickMillis = TICK_MILLIS_DEFAULT;

    // Test seams: clocks and the executor each dispatcher runs on.
    NanoClock clock = NanoClock.SYSTEM;
    LongSupplier wallMillis = System::currentTimeMillis;
    LongSupplier incarnation = Dispatcher::incarnationNow;
    IntFunction<Executor> agentExecutors = id -> Executors.newSingleThreadExecutor(
            groupedThreads("onos/switchboard", "dispatcher-" + id, log));
    Executor eventExecutor;
    boolean timers = true;

    private final ConfigFactory<ApplicationId, SwitchboardConfig> configFactory =
            new ConfigFactory<ApplicationId, SwitchboardConfig>(SubjectFactories.APP_SUBJECT_FACTORY,
                    SwitchboardConfig.class, SwitchboardConfig.KEY) {
                @Override
                public SwitchboardConfig createConfig() {
                    return new SwitchboardConfig();
                }
            };

    private final Map<Integer, DispatcherAgent> agents = new ConcurrentHashMap<>();
    private final Queue<PurgeItem> purgeQueue =
            new PriorityQueue<>(Comparator.comparingLong((PurgeItem item) -> item.dueMillis));
    private final ConfigListener configListener = new ConfigListener();
    private final InternalMastershipListener mastershipListener = new InternalMastershipListener();
    private final InternalDeviceListener deviceListener = new InternalDeviceListener();
    private final InternalFlowRuleListener flowRuleListener = new InternalFlowRuleListener();
    private final StoreDelegate storeDelegate = new StoreDelegate();
    private final InternalPacketProcessor packetProcessor = new InternalPacketProcessor();
    private final ObjectMapper mapper = new ObjectMapper();
    /** Serializes admin changes: each reads the topology, changes it and writes it back. */
    private final Object adminLock = new Object();
    /** Notified when component configuration changed the settings. */
    private final Object settingsMonitor = new Object();
    private final PlacementRate placementRate = new PlacementRate();
    private final Map<Integer, DispatcherAgent> sampledAgents = new HashMap<>();
    private final Map<Integer, Long> sampledPlacements = new HashMap<>();
    private long placedTotal;

    private ApplicationId appId;
    private String localNode;
    private AgentContext agentContext;
    private InfrastructureProgrammer infrastructure;
    private ArpResponder arp;
    private ExecutorService ownEventExecutor;
    private ScheduledExecutorService timer;

    private volatile SwitchboardTopology topology;
    private volatile ServiceCatalog catalog = ServiceCatalog.empty();
    private volatile DispatchSettings settings = DispatchSettings.defaults();
    private volatile long liveMask;

    @Activate
    protected void activate(ComponentContext context) {
        // The hook runs when the app is deactivated cluster-wide, not when one node stops: a node going down must
        // leave the switches' rules to the next master.
        appId = coreService.registerApplication(APP_NAME, this::removeAllRules);
        componentConfig.registerProperties(getClass());
        readComponentConfiguration(context);
        localNode = localNodeId();
        if (eventExecutor == null) {
            ownEventExecutor = Executors.newSingleThreadExecutor(groupedThreads("onos/switchboard", "events", log));
            eventExecutor = ownEventExecutor;
        }
        agentContext = new AgentContext(appId, localNode, store, flowRuleService, packetService, () -> catalog,
                () -> settings, () -> liveMask, clock, wallMillis, incarnation);
        infrastructure = new InfrastructureProgrammer(appId, flowRuleService, groupService, deviceService,
                agentContext.translator);
        arp = new ArpResponder(packetService, this::clientLearned);

        networkConfig.registerConfigFactory(configFactory);
        networkConfig.addListener(configListener);
        mastershipService.addListener(mastershipListener);
        deviceService.addListener(deviceListener);
        flowRuleService.addListener(flowRuleListener);
        store.setDelegate(storeDelegate);
        loadStore.setListener(() -> eventExecutor.execute(this::applyLoads));
        packetService.addProcessor(packetProcessor, PacketProcessor.director(2));
        if (timers) {
            timer = Executors.newSingleThreadScheduledExecutor(groupedThreads("onos/switchboard", "timer", log));
            timer.scheduleAtFixedRate(this::tickAgents, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
            timer.scheduleAtFixedRate(this::purge, PURGE_PERIOD_MILLIS, PURGE_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
            timer.scheduleAtFixedRate(this::samplePlacements, 0, PlacementRate.SAMPLE_PERIOD_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
        eventExecutor.execute(this::applyConfiguration);
        log.info("Started on node {}", localNode);
    }

    @Deactivate
    protected void deactivate() {
        componentConfig.unregisterProperties(getClass(), false);
        packetService.removeProcessor(packetProcessor);
        loadStore.setListener(null);
        store.unsetDelegate(storeDelegate);
        flowRuleService.removeListener(flowRuleListener);
        deviceService.removeListener(deviceListener);
        mastershipService.removeListener(mastershipListener);
        networkConfig.removeListener(configListener);
        networkConfig.unregisterConfigFactory(configFactory);
        if (timer != null) {
            timer.shutdownNow();
        }
        for (Integer id : new ArrayList<>(agents.keySet())) {
            stopAgent(id);
        }
        if (ownEventExecutor != null) {
            ownEventExecutor.shutdownNow();
            ownEventExecutor = null;
            eventExecutor = null;
        }
        log.info("Stopped");
    }

    /** Removes every Switchboard rule and group: the app is being deactivated on every node. */
    void removeAllRules() {
        flowRuleService.removeFlowRulesById(appId);
        SwitchboardTopology t = topology;
        if (t != null) {
            List<DeviceId> devices = new ArrayList<>();
            devices.add(t.router().device());
            devices.add(t.san().device());
            t.dispatchers().forEach(d -> devices.add(d.device()));
            devices.forEach(d -> groupService.purgeGroupEntries(d, appId));
        }
        log.info("Removed Switchboard's rules and groups");
    }

    @Modified
    protected void modified(ComponentContext context) {
        readComponentConfiguration(context);
    }

    private void readComponentConfiguration(ComponentContext context) {
        Dictionary<?, ?> properties = context == null ? null : context.getProperties();
        String newStrategy = stringProperty(properties, STRATEGY, strategy);
        String newFallback = stringProperty(properties, FALLBACK, fallback);
        int newLockTtl = intProperty(properties, LOCK_TTL_MILLIS, lockTtlMillis);
        int newIdle = intProperty(properties, IDLE_TIMEOUT_SECONDS, idleTimeoutSeconds);
        int newLinger = intProperty(properties, FIN_LINGER_MILLIS, finLingerMillis);
        int newRetention = intProperty(properties, TOMBSTONE_RETENTION_SECONDS, tombstoneRetentionSeconds);
        int newTick = intProperty(properties, TICK_MILLIS, tickMillis);
        int newMaxSessions = intProperty(properties, MAX_SESSIONS, maxSessions);
        try {
            DispatchSettings next = settings.toBuilder()
                    .strategy(SelectionStrategy.fromConfigName(newStrategy))
                    .fallback(FallbackPolicy.fromConfigName(newFallback))
                    .lockTtl(Duration.ofMillis(newLockTtl))
                    .idleTimeout(Duration.ofSeconds(newIdle))
                    .finLinger(Duration.ofMillis(newLinger))
                    .tombstoneRetention(Duration.ofSeconds(newRetention))
                    .maxSessions(newMaxSessions)
                    .build();
            if (newIdle > dev.switchboard.rules.FlowRule.MAX_TIMEOUT || newTick < 1) {
                throw new IllegalArgumentException(newTick < 1 ? TICK_MILLIS + " must be at least 1, was " + newTick
                        : IDLE_TIMEOUT_SECONDS + " must be at most " + dev.switchboard.rules.FlowRule.MAX_TIMEOUT);
            }
            strategy = newStrategy;
            fallback = newFallback;
            lockTtlMillis = newLockTtl;
            idleTimeoutSeconds = newIdle;
            finLingerMillis = newLinger;
            tombstoneRetentionSeconds = newRetention;
            tickMillis = newTick;
            maxSessions = newMaxSessions;
            synchronized (settingsMonitor) {
                settings = next;
                settingsMonitor.notifyAll();
            }
            agents.values().forEach(DispatcherAgent::settingsChanged);
            log.info("Dispatch settings: {}", next);
        } catch (IllegalArgumentException e) {
            log.error("Component configuration rejected, keeping {}: {}", settings, e.getMessage());
        }
    }

    private static String stringProperty(Dictionary<?, ?> properties, String name, String current) {
        String value = properties == null ? null : Tools.get(properties, name);
        return value == null || value.isBlank() ? current : value.trim();
    }

    private static int intProperty(Dictionary<?, ?> properties, String name, int current) {
        String value = stringProperty(properties, name, null);
        if (value == null) {
            return current;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, was '" + value + "'", e);
        }
    }

    private String localNodeId() {
        ControllerNode node = clusterService.getLocalNode();
        return node == null ? "local" : node.id().id();
    }

    // ----- configuration and roles (event thread) -----

    private void applyConfiguration() {
        SwitchboardConfig config = networkConfig.getConfig(appId, SwitchboardConfig.class);
        if (config == null) {
            topology = null;
            refreshRoles();
            return;
        }
        try {
            SwitchboardTopology next = config.topology();
            catalog = withReportedLoads(CatalogReconciler.reconcile(catalog, next));
            topology = next;
            log.info("Configuration applied: {}", next);
        } catch (InvalidFieldException | IllegalArgumentException e) {
            log.error("Switchboard configuration rejected, keeping the previous one: {}", e.getMessage());
        }
        refreshRoles();
    }

    /** Takes the latest load reports into the catalog (the dispatchers read it on their next selection). */
    private void applyLoads() {
        catalog = withReportedLoads(catalog);
    }

    private ServiceCatalog withReportedLoads(ServiceCatalog current) {
        ServiceCatalog result = current;
        for (Map.Entry<String, Double> e : loadStore.loads().entrySet()) {
            Server server = result.server(e.getKey());
            if (server != null && server.reportedLoad() != e.getValue()) {
                result = result.withUpdatedServer(server.withReportedLoad(e.getValue()));
            }
        }
        return result;
    }

    /** Starts or stops dispatchers after a configuration, mastership or availability change. */
    private void refreshRoles() {
        SwitchboardTopology t = topology;
        updateLiveMask(t);
        if (t == null) {
            for (Integer id : new ArrayList<>(agents.keySet())) {
                stopAgent(id);
            }
            return;
        }
        for (Map.Entry<Integer, DispatcherAgent> e : new ArrayList<>(agents.entrySet())) {
            Optional<DispatcherSpec> spec = t.dispatcher(e.getKey());
            if (spec.isEmpty() || !spec.get().equals(e.getValue().spec())
                    || !mastershipService.isLocalMaster(spec.get().device())) {
                stopAgent(e.getKey());
            }
        }
        for (DispatcherSpec spec : t.dispatchers()) {
            if (mastershipService.isLocalMaster(spec.device())) {
                DispatcherAgent existing = agents.get(spec.id());
                if (existing == null) {
                    startAgent(spec);
                } else {
                    existing.reconcile();
                }
            }
        }
        try {
            if (mastershipService.isLocalMaster(t.router().device())) {
                infrastructure.programRouter(t, catalog);
            }
            if (mastershipService.isLocalMaster(t.san().device())) {
                infrastructure.programSan(t, catalog);
            }
        } catch (IllegalArgumentException e) {
            log.error("Router or SAN rules not compiled: {}", e.getMessage());
        }
    }

    private void startAgent(DispatcherSpec spec) {
        DispatcherAgent agent = new DispatcherAgent(spec, agentContext, agentExecutors.apply(spec.id()));
        agents.put(spec.id(), agent);
        agent.start();
        log.info("Dispatcher {} starts on this node ({})", spec.id(), spec.device());
    }

    private void stopAgent(int id) {
        DispatcherAgent agent = agents.remove(id);
        if (agent == null) {
            return;
        }
        agent.stop();
        log.info("Dispatcher {} stops on this node", id);
    }

    private void updateLiveMask(SwitchboardTopology t) {
        long mask = 0;
        if (t != null) {
            for (DispatcherSpec d : t.dispatchers()) {
                if (deviceService.isAvailable(d.device())) {
                    mask |= 1L << d.id();
                }
            }
        }
        if (mask != liveMask) {
            liveMask = mask;
            agents.values().forEach(DispatcherAgent::membershipChanged);
        }
    }

    private void clientLearned(int ip, long mac, ConnectPoint where) {
        SwitchboardTopology t = topology;
        if (t != null) {
            eventExecutor.execute(() -> infrastructure.learnClient(t, catalog, ip, mac, where.port(),
                    mastershipService.isLocalMaster(t.router().device())));
        }
    }

    // ----- timers -----

    void tickAgents() {
        agents.values().forEach(DispatcherAgent::tick);
    }

    /**
     * Adds the placements of this node's dispatchers since the last sample to a running total. A dispatcher that
     * restarted (new agent) counts from 0 again, so the total never goes back.
     */
    void samplePlacements() {
        synchronized (placementRate) {
            for (DispatcherAgent agent : agents.values()) {
                long value = agent.counters().getOrDefault(DispatcherCounters.Counter.SESSIONS_PLACED, 0L);
                long previous = sampledAgents.get(agent.id()) == agent ? sampledPlacements.get(agent.id()) : 0L;
                placedTotal += value - previous;
                sampledAgents.put(agent.id(), agent);
                sampledPlacements.put(agent.id(), value);
            }
            placementRate.sample(clock.nanoTime(), placedTotal);
        }
    }

    /** Purges tombstones and dead locks whose retention is over, oldest first. */
    void purge() {
        long now = wallMillis.getAsLong();
        List<PurgeItem> due = new ArrayList<>();
        synchronized (purgeQueue) {
            while (!purgeQueue.isEmpty() && purgeQueue.peek().dueMillis <= now) {
                due.add(purgeQueue.poll());
            }
        }
        for (PurgeItem item : due) {
            TableRegister current = store.get(item.key);
            if (item.register.equals(current)) {
                store.purge(item.key, item.register);
            }
        }
    }

    private void schedulePurge(TableKey key, TableRegister register) {
        long retention = settings.tombstoneRetention().toMillis();
        long delay = register.kind() == RegisterKind.LOCK ? settings.lockTtl().toMillis() + retention : retention;
        synchronized (purgeQueue) {
            purgeQueue.add(new PurgeItem(key, register, wallMillis.getAsLong() + delay));
        }
    }

    /** @return the number of registers waiting to be purged (for tests) */
    int pendingPurges() {
        synchronized (purgeQueue) {
            return purgeQueue.size();
        }
    }

    private static final class PurgeItem {
        final TableKey key;
        final TableRegister register;
        final long dueMillis;

        PurgeItem(TableKey key, TableRegister register, long dueMillis) {
            this.key = key;
            this.register = register;
            this.dueMillis = dueMillis;
        }
    }

    // ----- DispatchService -----

    @Override
    public Optional<SwitchboardTopology> topology() {
        return Optional.ofNullable(topology);
    }

    @Override
    public ServiceCatalog catalog() {
        return catalog;
    }

    @Override
    public DispatchSettings settings() {
        return settings;
    }

    @Override
    public List<DispatchSession> sessions() {
        return registersOf(RegisterKind.ENTRY);
    }

    @Override
    public List<DispatchSession> locks() {
        return registersOf(RegisterKind.LOCK);
    }

    private List<DispatchSession> registersOf(RegisterKind kind) {
        List<DispatchSession> result = new ArrayList<>();
        for (Map.Entry<TableKey, TableRegister> e : store.registers().entrySet()) {
            if (e.getValue().kind() == kind) {
                result.add(new DispatchSession(e.getKey().sessionKey(), e.getValue()));
            }
        }
        result.sort(DispatchSession.KEY_ORDER);
        return result;
    }

    @Override
    public Optional<DispatchSession> session(SessionKey key) {
        TableRegister r = store.get(TableKey.of(key));
        if (r == null || r.kind() == RegisterKind.TOMBSTONE) {
            return Optional.empty();
        }
        return Optional.of(new DispatchSession(key, r));
    }

    @Override
    public List<DispatcherStatus> dispatchers() {
        SwitchboardTopology t = topology;
        List<DispatcherStatus> result = new ArrayList<>();
        if (t == null) {
            return result;
        }
        for (DispatcherSpec d : t.dispatchers()) {
            NodeId master = mastershipService.getMasterFor(d.device());
            DispatcherAgent agent = agents.get(d.id());
            boolean available = deviceService.isAvailable(d.device());
            PortNumber routerSide = t.router().trunkPorts().get(d.id());
            boolean trunkUp = available && portUp(d.device(), d.trunkPort())
                    && (routerSide == null || portUp(t.router().device(), routerSide));
            result.add(new DispatcherStatus(d.id(), d.device(), available, trunkUp,
                    master == null ? null : master.id(), agent != null, agent != null && agent.isReady(),
                    agent == null ? 0 : agent.sessionCount(), agent == null ? 0 : agent.lockCount(),
                    agent == null ? Map.of() : agent.counters()));
        }
        result.sort(Comparator.comparingInt(DispatcherStatus::id));
        return result;
    }

    private boolean portUp(DeviceId device, PortNumber number) {
        Port port = deviceService.getPort(device, number);
        return port != null && port.isEnabled();
    }

    @Override
    public DispatchStatistics statistics() {
        int sessions = 0;
        int locks = 0;
        int tombstones = 0;
        Map<String, Integer> perServer = new LinkedHashMap<>();
        catalog.servers().forEach(s -> perServer.put(s.name(), 0));
        for (TableRegister r : store.registers().values()) {
            switch (r.kind()) {
                case ENTRY:
                    sessions++;
                    perServer.merge(r.server(), 1, Integer::sum);
                    break;
                case LOCK:
                    locks++;
                    break;
                default:
                    tombstones++;
            }
        }
        Map<DispatcherCounters.Counter, Long> counters = new EnumMap<>(DispatcherCounters.Counter.class);
        for (DispatcherAgent agent : agents.values()) {
            agent.counters().forEach((c, v) -> counters.merge(c, v, Long::sum));
        }
        double rate;
        synchronized (placementRate) {
            rate = placementRate.perSecond();
        }
        return new DispatchStatistics(sessions, locks, tombstones, perServer, counters, rate);
    }

    // ----- DispatchAdminService -----

    @Override
    public boolean terminate(SessionKey key) {
        Optional<DispatcherAgent> agent = agents.values().stream().min(Comparator.comparingInt(DispatcherAgent::id));
        if (agent.isPresent()) {
            return await(agent.get().terminate(key));
        }
        // No dispatcher runs here: write the removal directly, stamped just above the current value. The
        // dispatchers elsewhere take it like any peer's removal.
        TableKey tableKey = TableKey.of(key);
        TableRegister current = store.get(tableKey);
        if (current == null || current.kind() == RegisterKind.TOMBSTONE) {
            return false;
        }
        long stamp = Stamp.of(Stamp.counter(current.stamp()) + 1, 0);
        store.put(tableKey, TableRegister.tombstone(stamp, 0, localNode, wallMillis.getAsLong()));
        return true;
    }

    @Override
    public void addServer(ServerSpec server, String group) {
        rewriteConfiguration(t -> TopologyChanges.addServer(t, server, group));
    }

    @Override
    public void removeServer(String name) {
        rewriteConfiguration(t -> TopologyChanges.removeServer(t, name));
        loadStore.remove(name);
    }

    @Override
    public void setServerWeight(String name, int weight) {
        rewriteConfiguration(t -> TopologyChanges.setWeight(t, name, weight));
    }

    @Override
    public void setServerState(String name, ServerState state) {
        if (state == null) {
            throw OperationRefused.invalid("state", "state: must be active, draining or disabled");
        }
        rewriteConfiguration(t -> TopologyChanges.setState(t, name, state));
    }

    @Override
    public void reportServerLoad(String name, double load) {
        synchronized (adminLock) {
            TopologyChanges.requireServer(requireTopology(), name);
            if (!(load >= 0.0 && load <= 1.0)) {
                throw OperationRefused.invalid("load", "load: " + load + " is out of range 0.0..1.0");
            }
            loadStore.report(name, load);
            awaitEvents(() -> {
                applyLoads();
                return null;
            });
        }
    }

    @Override
    public void addGroup(String name, List<String> servers) {
        rewriteConfiguration(t -> TopologyChanges.addGroup(t, name, servers));
    }

    @Override
    public void removeGroup(String name) {
        rewriteConfiguration(t -> TopologyChanges.removeGroup(t, name));
    }

    @Override
    public void addGroupMember(String group, String server) {
        rewriteConfiguration(t -> TopologyChanges.addMember(t, group, server));
    }

    @Override
    public void removeGroupMember(String group, String server) {
        rewriteConfiguration(t -> TopologyChanges.removeMember(t, group, server));
    }

    @Override
    public void addService(ServiceSpec service) {
        rewriteConfiguration(t -> TopologyChanges.addService(t, service));
    }

    @Override
    public void removeService(String name) {
        rewriteConfiguration(t -> TopologyChanges.removeService(t, name));
    }

    @Override
    public void updateSettings(DispatchSettings wanted) {
        synchronized (adminLock) {
            DispatchSettings current = settings;
            SettingsLimits.check(wanted, current);
            Map<String, String> changes = new LinkedHashMap<>();
            if (wanted.strategy() != current.strategy()) {
                changes.put(STRATEGY, wanted.strategy().configName());
            }
            if (!wanted.lockTtl().equals(current.lockTtl())) {
                changes.put(LOCK_TTL_MILLIS, Long.toString(wanted.lockTtl().toMillis()));
            }
            if (!wanted.idleTimeout().equals(current.idleTimeout())) {
                changes.put(IDLE_TIMEOUT_SECONDS, Long.toString(wanted.idleTimeout().toSeconds()));
            }
            if (!wanted.finLinger().equals(current.finLinger())) {
                changes.put(FIN_LINGER_MILLIS, Long.toString(wanted.finLinger().toMillis()));
            }
            if (wanted.fallback() != current.fallback()) {
                changes.put(FALLBACK, wanted.fallback().configName());
            }
            // ONOS stores each property cluster-wide and hands the whole set to every node's @Modified; the
            // values were checked above, so every intermediate set of values is valid too.
            changes.forEach((name, value) -> componentConfig.setProperty(DispatchManager.class.getName(), name,
                    value));
            awaitSettings(wanted);
        }
    }

    private void awaitSettings(DispatchSettings wanted) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ADMIN_TIMEOUT_SECONDS);
        synchronized (settingsMonitor) {
            while (!SettingsLimits.sameLiveSettings(settings, wanted)) {
                long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMillis <= 0) {
                    throw new IllegalStateException("the dispatch settings did not take effect within "
                            + ADMIN_TIMEOUT_SECONDS + " s (component configuration of "
                            + DispatchManager.class.getName() + ")");
                }
                try {
                    settingsMonitor.wait(leftMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
    }

    private SwitchboardTopology requireTopology() {
        SwitchboardTopology current = topology;
        if (current == null) {
            throw OperationRefused.conflict(null, "no switchboard network configuration yet (apps/" + APP_NAME
                    + "/" + SwitchboardConfig.KEY + ")");
        }
        return current;
    }

    /**
     * Changes the topology under the admin lock, validates the result like netcfg would, writes it to netcfg
     * (which every node applies) and applies it here before returning, so that a read right after the change
     * sees it. A change that returns the topology unchanged writes nothing.
     */
    private void rewriteConfiguration(UnaryOperator<SwitchboardTopology> change) {
        synchronized (adminLock) {
            SwitchboardTopology current = requireTopology();
            SwitchboardTopology next = change.apply(current);
            if (next == current) {
                return;
            }
            ObjectNode json = TopologyCodec.encode(next, mapper);
            try {
                TopologyCodec.decode(json);
            } catch (InvalidFieldException e) {
                throw OperationRefused.conflict(null, TopologyCodec.describe(e));
            }
            networkConfig.applyConfig(appId, SwitchboardConfig.class, json);
            awaitEvents(() -> {
                applyConfiguration();
                return null;
            });
        }
    }

    private <T> T awaitEvents(Callable<T> task) {
        java.util.concurrent.FutureTask<T> future = new java.util.concurrent.FutureTask<>(task);
        eventExecutor.execute(future);
        return await(future);
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer within " + ADMIN_TIMEOUT_SECONDS + " s", e);
        }
    }

    // ----- listeners -----

    private class ConfigListener implements NetworkConfigListener {
        @Override
        public boolean isRelevant(NetworkConfigEvent event) {
            return event.configClass() == SwitchboardConfig.class;
        }

        @Override
        public void event(NetworkConfigEvent event) {
            switch (event.type()) {
                case CONFIG_ADDED:
                case CONFIG_UPDATED:
                case CONFIG_REMOVED:
                    eventExecutor.execute(DispatchManager.this::applyConfiguration);
                    break;
                default:
                    break;
            }
        }
    }

    private class InternalMastershipListener implements MastershipListener {
        @Override
        public void event(MastershipEvent event) {
            if (event.type() == MastershipEvent.Type.MASTER_CHANGED) {
                eventExecutor.execute(DispatchManager.this::refreshRoles);
            }
        }
    }

    private class InternalDeviceListener implements DeviceListener {
        @Override
        public void event(DeviceEvent event) {
            SwitchboardTopology t = topology;
            if (t == null) {
                return;
            }
            switch (event.type()) {
                case DEVICE_ADDED:
                case DEVICE_AVAILABILITY_CHANGED:
                case DEVICE_REMOVED:
                    eventExecutor.execute(DispatchManager.this::refreshRoles);
                    break;
                case PORT_ADDED:
                case PORT_UPDATED:
                case PORT_REMOVED:
                    if (event.port() != null && InfrastructureProgrammer.isGroupPort(t, event.subject().id(),
                            event.port().number())) {
                        eventExecutor.execute(DispatchManager.this::refreshRoles);
                    }
                    break;
                default:
                    break;
            }
        }
    }

    private class InternalFlowRuleListener implements FlowRuleListener {
        @Override
        public void event(FlowRuleEvent event) {
            FlowRule rule = event.subject();
            if (event.type() != FlowRuleEvent.Type.RULE_REMOVED || rule.appId() != appId.id()
                    || rule.reason() != FlowRule.FlowRemoveReason.IDLE_TIMEOUT
                    || RuleTranslator.tableOf(rule) != RuleConstants.DISPATCHER_SESSION_TABLE
                    || rule.priority() != RuleConstants.PRIORITY_DISPATCHER_SESSION) {
                return;
            }
            SwitchboardTopology t = topology;
            if (t == null) {
                return;
            }
            Optional<DispatcherSpec> spec = t.dispatcherAt(rule.deviceId());
            DispatcherAgent agent = spec.map(d -> agents.get(d.id())).orElse(null);
            SessionKey key = RuleTranslator.sessionKeyOf(rule.selector());
            if (agent != null && key != null) {
                agent.onIdle(key);
            }
        }
    }

    private class StoreDelegate implements DispatchStoreDelegate {
        @Override
        public void notify(DispatchStoreEvent event) {
            if (event.type() != DispatchStoreEvent.Type.REGISTER_WRITTEN) {
                return;
            }
            TableRegister register = event.register();
            for (DispatcherAgent agent : agents.values()) {
                agent.deliver(event.subject(), register);
            }
            if (register.kind() != RegisterKind.ENTRY) {
                schedulePurge(event.subject(), register);
            }
        }
    }

    private class InternalPacketProcessor implements PacketProcessor {
        @Override
        public void process(PacketContext context) {
            if (context.isHandled()) {
                return;
            }
            SwitchboardTopology t = topology;
            InboundPacket in = context.inPacket();
            Ethernet frame = in.parsed();
            if (t == null || frame == null) {
                return;
            }
            if (frame.getEtherType() == Ethernet.TYPE_ARP) {
                if (arp.handle(in.receivedFrom(), frame, t)) {
                    context.block();
                }
                return;
            }
            if (frame.getEtherType() != Ethernet.TYPE_IPV4) {
                return;
            }
            DeviceId device = in.receivedFrom().deviceId();
            Optional<DispatcherSpec> spec = t.dispatcherAt(device);
            if (spec.isEmpty()) {
                return;
            }
            context.block();
            DispatcherAgent agent = agents.get(spec.get().id());
            DispatchPacket packet = parse(in, frame);
            if (agent != null && packet != null) {
                agent.onPacket(packet);
            }
        }

        private DispatchPacket parse(InboundPacket in, Ethernet frame) {
            if (!(frame.getPayload() instanceof IPv4) || in.unparsed() == null) {
                return null;
            }
            IPv4 ip = (IPv4) frame.getPayload();
            int srcPort;
            int dstPort;
            int flags = 0;
            if (ip.getProtocol() == IPv4.PROTOCOL_TCP && ip.getPayload() instanceof TCP) {
                TCP tcp = (TCP) ip.getPayload();
                srcPort = tcp.getSourcePort();
                dstPort = tcp.getDestinationPort();
                flags = tcp.getFlags() & 0xfff;
            } else if (ip.getProtocol() == IPv4.PROTOCOL_UDP && ip.getPayload() instanceof UDP) {
                UDP udp = (UDP) ip.getPayload();
                srcPort = udp.getSourcePort();
                dstPort = udp.getDestinationPort();
            } else {
                return null;
            }
            byte[] bytes = new byte[in.unparsed().remaining()];
            in.unparsed().duplicate().get(bytes);
            return new DispatchPacket(ip.getProtocol() & 0xff, ip.getSourceAddress(), srcPort,
                    ip.getDestinationAddress(), dstPort, flags, in.receivedFrom().port(), bytes, in.cookie());
        }
    }
}
