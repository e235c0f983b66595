package dev.switchboard.onos;

import dev.switchboard.onos.config.SwitchboardConfig;
import dev.switchboard.onos.store.DistributedDispatchStore;
import dev.switchboard.onos.store.DistributedServerLoadStore;
import dev.switchboard.onos.testing.FakeComponentConfig;
import dev.switchboard.onos.testing.FakeDeviceService;
import dev.switchboard.onos.testing.FakeEcCluster;
import dev.switchboard.onos.testing.FakeFlowRuleService;
import dev.switchboard.onos.testing.FakeGroupService;
import dev.switchboard.onos.testing.FakeMastership;
import dev.switchboard.onos.testing.FakeNanoClock;
import dev.switchboard.onos.testing.FakeNetworkConfig;
import dev.switchboard.onos.testing.FakePacketService;
import dev.switchboard.onos.testing.TrampolineExecutor;
import org.onlab.junit.TestUtils;
import org.onlab.packet.IpAddress;
import org.onosproject.cluster.ClusterServiceAdapter;
import org.onosproject.cluster.ControllerNode;
import org.onosproject.cluster.DefaultControllerNode;
import org.onosproject.cluster.NodeId;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.core.DefaultApplicationId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ONOS nodes running Switchboard against shared fakes of the cluster-wide services (network configuration,
 * mastership, the flow rule and group stores, devices) and a fake ECMap network. All on one thread.
 */
public final class TestCluster {
    public static final ApplicationId APP_ID = new DefaultApplicationId(91, DispatchManager.APP_NAME);

    public final FakeEcCluster storage = new FakeEcCluster();
    public final FakeNetworkConfig netcfg = new FakeNetworkConfig();
    public final FakeMastership mastership = new FakeMastership();
    public final FakeFlowRuleService flowRules = new FakeFlowRuleService();
    public final FakeGroupService groups = new FakeGroupService();
    public final FakeDeviceService devices = new FakeDeviceService();
    public final FakeNanoClock clock = new FakeNanoClock();
    public final FakeComponentConfig componentConfig = new FakeComponentConfig();
    public final TrampolineExecutor executor = new TrampolineExecutor();
    public final Map<String, Node> nodes = new LinkedHashMap<>();
    /** What ONOS would run on every node when the app is deactivated cluster-wide. */
    public final List<Runnable> deactivateHooks = new ArrayList<>();

    /** One ONOS node: its manager, store and packet service. */
    public final class Node {
        public final String name;
        public final DispatchManager manager = new DispatchManager();
        public final DistributedDispatchStore store = new DistributedDispatchStore();
        public final DistributedServerLoadStore loadStore = new DistributedServerLoadStore();
        public final FakePacketService packets = new FakePacketService();

        Node(String name) {
            this.name = name;
            TestUtils.setField(store, "storageService", storage.storageFor(name));
            callActivate(store);
            TestUtils.setField(loadStore, "storageService", storage.storageFor(name));
            callActivate(loadStore);
            manager.coreService = new CoreServiceAdapter() {
                @Override
                public ApplicationId registerApplication(String appName) {
                    return APP_ID;
                }

                @Override
                public ApplicationId registerApplication(String appName, Runnable preDeactivate) {
                    deactivateHooks.add(preDeactivate);
                    return APP_ID;
                }
            };
            manager.networkConfig = netcfg.registryFor();
            manager.deviceService = devices;
            manager.mastershipService = mastership.serviceFor(name);
            manager.clusterService = new ClusterServiceAdapter() {
                @Override
                public ControllerNode getLocalNode() {
                    return new DefaultControllerNode(NodeId.nodeId(name), IpAddress.valueOf("127.0.0.1"));
                }
            };
            manager.packetService = packets;
            manager.flowRuleService = flowRules;
            manager.groupService = groups;
            manager.componentConfig = componentConfig;
            componentConfig.register(DispatchManager.class.getName(), manager::modified);
            manager.store = store;
            manager.loadStore = loadStore;
            manager.clock = clock;
            manager.wallMillis = clock::millis;
            manager.incarnation = () -> 0;
            manager.agentExecutors = id -> executor;
            manager.eventExecutor = executor;
            manager.timers = false;
            manager.activate(null);
        }

        /** Samples the placement counters, as the manager's timer does once a second. */
        public void samplePlacements() {
            manager.samplePlacements();
        }

        /** Runs every dispatcher's timers on this node. */
        public void tick() {
            manager.tickAgents();
        }
    }

    private static void callActivate(Object store) {
        try {
            TestUtils.callMethod(store, "activate", new Class<?>[0]);
        } catch (TestUtils.TestUtilsException e) {
            throw new IllegalStateException(e);
        }
    }

    public Node node(String name) {
        return nodes.computeIfAbsent(name, Node::new);
    }

    /** Applies the fixture topology through network configuration. */
    public void configure() {
        netcfg.apply(APP_ID, SwitchboardConfig.class, Fixtures.json());
    }

    /** Lets every message in flight between nodes arrive (the ECMap's broadcast). */
    public void settle() {
        storage.deliverAll();
    }
}
