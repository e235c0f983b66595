package dev.switchboard.onos;

import dev.switchboard.dispatch.DispatchSettings;
import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.dispatch.table.Stamp;
import dev.switchboard.onos.api.DispatchSession;
import dev.switchboard.onos.api.DispatcherStatus;
import dev.switchboard.onos.api.OperationRefused;
import dev.switchboard.onos.api.RegisterKind;
import dev.switchboard.onos.api.TableKey;
import dev.switchboard.onos.api.TableRegister;
import dev.switchboard.rules.RuleConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.switchboard.dispatch.model.ServerState;
import dev.switchboard.dispatch.select.SelectionStrategy;
import dev.switchboard.onos.config.ServerSpec;
import dev.switchboard.onos.config.SwitchboardConfig;
import dev.switchboard.onos.testing.TestComponentContext;
import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.Ip4Prefix;
import org.onlab.packet.MacAddress;
import org.onlab.packet.TCP;
import org.onlab.packet.TpPort;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.TrafficTreatment;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.IPCriterion;
import org.onosproject.net.flow.criteria.TcpPortCriterion;
import org.onosproject.net.packet.OutboundPacket;
import org.onosproject.net.packet.PacketContext;

import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.switchboard.onos.Fixtures.CLIENT;
import static dev.switchboard.onos.Fixtures.D1;
import static dev.switchboard.onos.Fixtures.D2;
import static dev.switchboard.onos.Fixtures.ROUTER;
import static dev.switchboard.onos.Fixtures.SAN;
import static dev.switchboard.onos.Fixtures.VIP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two ONOS nodes: A masters dispatcher 1, the router and the SAN switch; B masters dispatcher 2. Packets are
 * real org.onlab.packet frames; the nodes' dispatch stores talk through a fake ECMap network with Kryo on the
 * wire.
 */
class DispatchManagerTest {
    private static final short SYN = 0x02;
    private static final short ACK = 0x10;
    private static final short FIN_ACK = 0x11;

    private TestCluster cluster;
    private TestCluster.Node a;
    private TestCluster.Node b;

    @BeforeEach
    void setUp() {
        cluster = new TestCluster();
        a = cluster.node("A");
        b = cluster.node("B");
        cluster.mastership.setMaster(ROUTER, "A");
        cluster.mastership.setMaster(SAN, "A");
        cluster.mastership.setMaster(D1, "A");
        cluster.mastership.setMaster(D2, "B");
        cluster.configure();
        cluster.settle();
    }

    private static SessionKey key(String client, int port) {
        return SessionKey.of(Protocol.TCP, Ipv4.parse(client), port, Ipv4.parse(VIP), 80);
    }

    private static ConnectPoint trunk(DeviceId dispatcher) {
        return new ConnectPoint(dispatcher, PortNumber.portNumber(Fixtures.TRUNK_PORT));
    }

    private static ConnectPoint sanSide(DeviceId dispatcher) {
        return new ConnectPoint(dispatcher, PortNumber.portNumber(Fixtures.SAN_PORT));
    }

    private List<FlowRule> sessionRules(DeviceId device) {
        return cluster.flowRules.rules(device, RuleConstants.DISPATCHER_SESSION_TABLE,
                RuleConstants.PRIORITY_DISPATCHER_SESSION);
    }

    private List<FlowRule> lockRules(DeviceId device) {
        return cluster.flowRules.rules(device, RuleConstants.DISPATCHER_SESSION_TABLE,
                RuleConstants.PRIORITY_DISPATCHER_LOCK_REDIRECT);
    }

    private static int clientOf(FlowRule rule) {
        return ((IPCriterion) rule.selector().getCriterion(Criterion.Type.IPV4_SRC)).ip().address()
                .getIp4Address().toInt();
    }

    private static int clientPortOf(FlowRule rule) {
        return ((TcpPortCriterion) rule.selector().getCriterion(Criterion.Type.TCP_SRC)).tcpPort().toInt();
    }

    private static TrafficTreatment toServer(String ip, String mac) {
        return DefaultTrafficTreatment.builder().setEthDst(MacAddress.valueOf(mac))
                .setIpDst(Ip4Address.valueOf(ip)).setOutput(PortNumber.portNumber(Fixtures.SAN_PORT)).build();
    }

    /** Opens a session through dispatcher 1 on node A and lets the cluster converge. */
    private SessionKey openAtD1(int clientPort) {
        a.packets.packetIn(trunk(D1), Fixtures.clientTcp(CLIENT, clientPort, SYN), Optional.empty());
        cluster.settle();
        return key(CLIENT, clientPort);
    }

    @Test
    void synAtMasteredDispatcherPlacesSessionInstallsRuleAndSendsPacketToServer() {
        Ethernet syn = Fixtures.clientTcp(CLIENT, 40000, SYN);
        PacketContext context = a.packets.packetIn(trunk(D1), syn, Optional.empty());

        assertThat(context.isHandled()).as("packet-in consumed").isTrue();
        SessionKey key = key(CLIENT, 40000);
        TableRegister entry = a.store.get(TableKey.of(key));
        assertThat(entry.kind()).isEqualTo(RegisterKind.ENTRY);
        assertThat(entry.owner()).isEqualTo(1);
        String serverIp = entry.server().equals("web-1") ? Fixtures.WEB_1 : Fixtures.WEB_2;
        String serverMac = entry.server().equals("web-1") ? "02:00:00:00:0b:01" : "02:00:00:00:0b:02";

        List<FlowRule> rules = sessionRules(D1);
        assertThat(rules).hasSize(1);
        FlowRule rule = rules.get(0);
        assertThat(rule.selector()).isEqualTo(DefaultTrafficSelector.builder()
                .matchEthType(Ethernet.TYPE_IPV4).matchIPProtocol((byte) 6)
                .matchIPSrc(Ip4Prefix.valueOf(CLIENT + "/32")).matchIPDst(Ip4Prefix.valueOf(VIP + "/32"))
                .matchTcpSrc(TpPort.tpPort(40000)).matchTcpDst(TpPort.tpPort(80)).build());
        assertThat(rule.treatment()).isEqualTo(toServer(serverIp, serverMac));
        assertThat(rule.timeout()).isEqualTo(60);
        assertThat(rule.isPermanent()).isFalse();

        List<OutboundPacket> out = a.packets.emitted();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).sendThrough()).isEqualTo(D1);
        assertThat(out.get(0).treatment()).isEqualTo(toServer(serverIp, serverMac));
        assertThat(out.get(0).data().array()).isEqualTo(syn.serialize());
    }

    @Test
    void placementOnAnotherNodeInstallsMirroredRuleAndItsRemovalRemovesIt() {
        SessionKey key = key(CLIENT, 40001);
        a.packets.packetIn(trunk(D1), Fixtures.clientTcp(CLIENT, 40001, SYN), Optional.empty());
        assertThat(sessionRules(D2)).as("nothing reached node B yet").isEmpty();
        assertThat(b.store.get(TableKey.of(key))).isNull();

        cluster.settle();

        assertThat(b.store.get(TableKey.of(key)).server()).isEqualTo(a.store.get(TableKey.of(key)).server());
        List<FlowRule> mirrored = sessionRules(D2);
        assertThat(mirrored).hasSize(1);
        assertThat(mirrored.get(0).selector()).isEqualTo(sessionRules(D1).get(0).selector());
        assertThat(mirrored.get(0).treatment()).isEqualTo(sessionRules(D1).get(0).treatment());

        assertThat(a.manager.terminate(key)).isTrue();
        assertThat(sessionRules(D1)).isEmpty();
        assertThat(sessionRules(D2)).as("B has not heard of the removal yet").hasSize(1);
        cluster.settle();

        assertThat(sessionRules(D2)).isEmpty();
        assertThat(b.store.get(TableKey.of(key)).kind()).isEqualTo(RegisterKind.TOMBSTONE);
        assertThat(b.manager.session(key)).isEmpty();
    }

    @Test
    void finInBothDirectionsEndsSessionEverywhereAfterLinger() {
        SessionKey key = openAtD1(40002);
        String server = a.store.get(TableKey.of(key)).server();
        String serverIp = server.equals("web-1") ? Fixtures.WEB_1 : Fixtures.WEB_2;
        assertThat(sessionRules(D1)).hasSize(1);
        assertThat(sessionRules(D2)).hasSize(1);

        // The client's FIN reaches the controller as dispatcher 2's table-0 copy; the server's as dispatcher 1's.
        b.packets.packetIn(trunk(D2), Fixtures.clientTcp(CLIENT, 40002, FIN_ACK), Optional.empty());
        cluster.settle();
        a.packets.packetIn(sanSide(D1), Fixtures.serverTcp(serverIp, CLIENT, 40002, FIN_ACK), Optional.empty());
        cluster.settle();
        assertThat(a.manager.session(key)).as("still lingering").isPresent();
        assertThat(a.manager.session(key).get().flags()).isEqualTo(1 | 2);

        cluster.clock.advance(DispatchSettings.DEFAULT_FIN_LINGER.plusMillis(1));
        a.tick();
        b.tick();
        cluster.settle();

        assertThat(a.manager.session(key)).isEmpty();
        assertThat(b.manager.session(key)).isEmpty();
        assertThat(sessionRules(D1)).isEmpty();
        assertThat(sessionRules(D2)).isEmpty();
        assertThat(a.packets.emitted()).as("copies are not forwarded again").hasSize(1);
    }

    @Test
    void foreignClientLockRedirectsClientToLockingDispatcher() {
        SessionKey key = key(CLIENT, 40003);
        // Dispatcher 2 (node B) locked the client and is still selecting a server.
        b.store.put(TableKey.of(key), TableRegister.lock(Stamp.of(7, 2), 2, "B", cluster.clock.millis()));
        cluster.settle();
        assertThat(lockRules(D1)).as("no rule until a packet of the client meets the lock here").isEmpty();

        a.packets.packetIn(trunk(D1), Fixtures.clientTcp(CLIENT, 40003, ACK), Optional.empty());

        List<FlowRule> redirect = lockRules(D1);
        assertThat(redirect).hasSize(1);
        assertThat(clientOf(redirect.get(0))).isEqualTo(Ipv4.parse(CLIENT));
        assertThat(redirect.get(0).treatment()).isEqualTo(DefaultTrafficTreatment.builder()
                .setEthDst(MacAddress.valueOf("02:5b:00:00:01:02")).setOutput(PortNumber.IN_PORT).build());
        assertThat(redirect.get(0).hardTimeout()).isEqualTo(2);
        assertThat(lockRules(D2)).as("the locker redirects nothing to itself").isEmpty();

        a.packets.packetIn(trunk(D1), Fixtures.clientTcp(CLIENT, 40003, ACK), Optional.empty());

        OutboundPacket out = a.packets.emitted().get(a.packets.emitted().size() - 1);
        assertThat(out.sendThrough()).isEqualTo(D1);
        assertThat(out.treatment()).isEqualTo(DefaultTrafficTreatment.builder()
                .setEthDst(MacAddress.valueOf(RuleConstants.dispatcherMac(2)))
                .setOutput(PortNumber.portNumber(Fixtures.TRUNK_PORT)).build());
        assertThat(a.store.get(TableKey.of(key)).kind()).as("no entry placed by dispatcher 1")
                .isEqualTo(RegisterKind.LOCK);
    }

    @Test
    void mastershipChangeReconcilesNewMastersRules() {
        SessionKey first = openAtD1(40010);
        SessionKey second = openAtD1(40011);
        assertThat(sessionRules(D2)).hasSize(2);
        // While B was master, D2 lost one session rule and kept a rule for a session that no longer exists.
        FlowRule lost = sessionRules(D2).stream().filter(r -> clientPortOf(r) == 40011).findFirst().orElseThrow();
        cluster.flowRules.lose(lost);
        FlowRule stale = DefaultFlowRule.builder().fromApp(TestCluster.APP_ID).forDevice(D2)
                .forTable(RuleConstants.DISPATCHER_SESSION_TABLE)
                .withPriority(RuleConstants.PRIORITY_DISPATCHER_SESSION)
                .withSelector(DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_IPV4)
                        .matchIPProtocol((byte) 6).matchIPSrc(Ip4Prefix.valueOf("192.0.2.99/32"))
                        .matchIPDst(Ip4Prefix.valueOf(VIP + "/32")).matchTcpSrc(TpPort.tpPort(5555))
                        .matchTcpDst(TpPort.tpPort(80)).build())
                .withTreatment(toServer(Fixtures.WEB_1, "02:00:00:00:0b:01")).makeTemporary(60).build();
        cluster.flowRules.inject(stale);
        int staticRulesBefore = cluster.flowRules.rules(D2).size() - sessionRules(D2).size() - lockRules(D2).size();

        cluster.mastership.setMaster(D2, "A");

        assertThat(a.manager.dispatchers()).extracting(DispatcherStatus::id, DispatcherStatus::local)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, true),
                        org.assertj.core.groups.Tuple.tuple(2, true));
        assertThat(b.manager.dispatchers()).extracting(DispatcherStatus::local).containsExactly(false, false);
        List<Integer> clientPorts = sessionRules(D2).stream().map(DispatchManagerTest::clientPortOf).sorted()
                .collect(Collectors.toList());
        assertThat(clientPorts).containsExactly(40010, 40011);
        assertThat(cluster.flowRules.rules(D2)).doesNotContain(stale);
        int staticRulesAfter = cluster.flowRules.rules(D2).size() - sessionRules(D2).size() - lockRules(D2).size();
        assertThat(staticRulesAfter).isEqualTo(staticRulesBefore);
        assertThat(a.manager.session(first)).isPresent();
        assertThat(a.manager.session(second)).isPresent();

        // The new master's dispatcher 2 decides: a packet of the first session is forwarded by its entry.
        a.packets.packetIn(trunk(D2), Fixtures.clientTcp(CLIENT, 40010, ACK), Optional.empty());
        assertThat(a.packets.emitted().get(a.packets.emitted().size() - 1).sendThrough()).isEqualTo(D2);
    }

    @Test
    void idleOnEveryDispatcherEndsSession() {
        SessionKey key = openAtD1(40020);
        cluster.flowRules.expireIdle(sessionRules(D1).get(0));
        cluster.settle();
        assertThat(a.manager.session(key)).as("still used through dispatcher 2").isPresent();
        assertThat(a.manager.session(key).get().idleMask()).isEqualTo(1L << 1);

        cluster.flowRules.expireIdle(sessionRules(D2).get(0));
        cluster.settle();

        assertThat(a.manager.session(key)).isEmpty();
        assertThat(b.manager.session(key)).isEmpty();
    }

    @Test
    void tombstonesArePurgedAfterRetentionOnEveryNode() {
        SessionKey key = openAtD1(40030);
        a.manager.terminate(key);
        cluster.settle();
        assertThat(a.store.get(TableKey.of(key)).kind()).isEqualTo(RegisterKind.TOMBSTONE);

        a.manager.purge();
        assertThat(a.store.get(TableKey.of(key))).as("retention not over").isNotNull();

        cluster.clock.advance(DispatchSettings.DEFAULT_TOMBSTONE_RETENTION.plus(Duration.ofSeconds(1)));
        a.manager.purge();
        cluster.settle();

        assertThat(a.store.get(TableKey.of(key))).isNull();
        assertThat(b.store.get(TableKey.of(key))).isNull();
    }

    @Test
    void terminateOnNodeWithoutDispatchersStillEndsSession() {
        SessionKey key = openAtD1(40040);
        TestCluster.Node c = cluster.node("C");
        cluster.storage.antiEntropy();
        assertThat(c.manager.session(key)).isPresent();

        assertThat(c.manager.terminate(key)).isTrue();
        cluster.settle();

        assertThat(sessionRules(D1)).isEmpty();
        assertThat(sessionRules(D2)).isEmpty();
        assertThat(a.manager.session(key)).isEmpty();
        assertThat(c.manager.terminate(key)).isFalse();
    }

    @Test
    void sessionsAndStatisticsReportWhatTheStoreHolds() {
        openAtD1(40050);
        openAtD1(40051);
        List<DispatchSession> sessions = b.manager.sessions();
        assertThat(sessions).hasSize(2).allMatch(s -> s.owner() == 1 && s.kind() == RegisterKind.ENTRY);
        assertThat(b.manager.statistics().sessions()).isEqualTo(2);
        assertThat(b.manager.statistics().sessionsPerServer().values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(2);
        assertThat(a.manager.statistics().localCounters()).isNotEmpty();
    }

    @Test
    void concurrentMarksOfOneEntryConvergeToTheirUnionInEveryStore() {
        SessionKey key = openAtD1(40060);
        String server = a.store.get(TableKey.of(key)).server();
        String serverIp = server.equals("web-1") ? Fixtures.WEB_1 : Fixtures.WEB_2;
        // Both FINs are seen at once, each by another node; neither node has heard of the other's mark.
        b.packets.packetIn(trunk(D2), Fixtures.clientTcp(CLIENT, 40060, FIN_ACK), Optional.empty());
        a.packets.packetIn(sanSide(D1), Fixtures.serverTcp(serverIp, CLIENT, 40060, FIN_ACK), Optional.empty());
        assertThat(a.store.get(TableKey.of(key)).flags()).isEqualTo(2);
        assertThat(b.store.get(TableKey.of(key)).flags()).isEqualTo(1);

        cluster.settle();

        assertThat(a.store.get(TableKey.of(key)).flags()).isEqualTo(3);
        assertThat(b.store.get(TableKey.of(key)).flags()).isEqualTo(3);
        cluster.clock.advance(DispatchSettings.DEFAULT_FIN_LINGER.plusMillis(1));
        a.tick();
        cluster.settle();
        assertThat(b.manager.session(key)).isEmpty();
    }

    @Test
    void adminChangesGoThroughNetworkConfigurationToEveryNode() {
        a.manager.setServerState("web-1", ServerState.DRAINING);

        assertThat(a.manager.catalog().server("web-1").state()).isEqualTo(ServerState.DRAINING);
        assertThat(b.manager.catalog().server("web-1").state()).isEqualTo(ServerState.DRAINING);
        assertThat(cluster.netcfg.json(SwitchboardConfig.class).get("servers").get(0).get("state").asText())
                .isEqualTo("draining");
        // New sessions avoid the draining server.
        for (int port = 41000; port < 41010; port++) {
            a.packets.packetIn(trunk(D1), Fixtures.clientTcp(CLIENT, port, SYN), Optional.empty());
            assertThat(a.store.get(TableKey.of(key(CLIENT, port))).server()).isEqualTo("web-2");
        }

        b.manager.addServer(new ServerSpec("web-3", Ipv4.parse("203.0.113.13"), 0x0200_0000_0b03L,
                PortNumber.portNumber(5), 1, ServerState.ACTIVE), "web");
        assertThat(a.manager.catalog().group("web").members()).hasSize(3);
        assertThat(cluster.flowRules.rules(SAN, RuleConstants.SAN_TABLE, RuleConstants.PRIORITY_SAN_SERVER))
                .as("node A, the SAN's master, delivers to the new server").hasSize(3);
    }

    @Test
    void invalidAdminChangeIsRefusedNamingTheFieldAndChangesNothing() {
        var before = cluster.netcfg.json(SwitchboardConfig.class).deepCopy();

        assertThatThrownBy(() -> a.manager.addServer(new ServerSpec("web-3", Ipv4.parse(Fixtures.WEB_2),
                0x0200_0000_0b03L, PortNumber.portNumber(5), 1, ServerState.ACTIVE), null))
                .isInstanceOfSatisfying(OperationRefused.class, e -> {
                    assertThat(e.reason()).isEqualTo(OperationRefused.Reason.CONFLICT);
                    assertThat(e.field()).isEqualTo("ip");
                })
                .hasMessage("'203.0.113.12' is the address of server 'web-2'");
        assertThatThrownBy(() -> a.manager.addServer(new ServerSpec("web-3", Ipv4.parse("203.0.113.13"),
                0x0200_0000_0b03L, PortNumber.portNumber(5), 1, ServerState.ACTIVE), "db"))
                .isInstanceOfSatisfying(OperationRefused.class, e -> assertThat(e.reason())
                        .isEqualTo(OperationRefused.Reason.UNKNOWN_REFERENCE))
                .hasMessage("group 'db' does not exist");
        assertThatThrownBy(() -> a.manager.setServerWeight("web-1", 0))
                .isInstanceOf(OperationRefused.class).hasMessage("weight: 0 is out of range 1..10000");
        assertThatThrownBy(() -> a.manager.removeService("api"))
                .isInstanceOfSatisfying(OperationRefused.class, e -> assertThat(e.reason())
                        .isEqualTo(OperationRefused.Reason.NOT_FOUND))
                .hasMessage("service 'api' does not exist");
        assertThatThrownBy(() -> a.manager.removeServer("web-1"))
                .isInstanceOfSatisfying(OperationRefused.class, e -> assertThat(e.reason())
                        .isEqualTo(OperationRefused.Reason.CONFLICT))
                .hasMessageContaining("still in group 'web'");
        assertThatThrownBy(() -> a.manager.removeGroup("web")).isInstanceOf(OperationRefused.class)
                .hasMessage("group 'web' is still used by service 'web'");
        assertThatThrownBy(() -> a.manager.reportServerLoad("web-1", 1.5)).isInstanceOf(OperationRefused.class)
                .hasMessageContaining("out of range");

        assertThat(cluster.netcfg.json(SwitchboardConfig.class)).isEqualTo(before);
        assertThat(a.manager.catalog().servers()).hasSize(2);
        assertThat(a.manager.catalog().server("web-1").reportedLoad()).isZero();
    }

    @Test
    void groupsAndMembersChangeOnEveryNodeAndServersLeaveOnlyOnceNoGroupListsThem() {
        a.manager.addGroup("spare", List.of("web-2"));
        a.manager.addGroupMember("spare", "web-1");
        assertThat(b.manager.topology().orElseThrow().groups()).extracting(g -> g.name() + "=" + g.servers())
                .containsExactly("web=[web-1, web-2]", "spare=[web-2, web-1]");

        a.manager.removeGroupMember("web", "web-1");
        a.manager.removeGroupMember("spare", "web-1");
        a.manager.removeServer("web-1");
        assertThat(b.manager.catalog().server("web-1")).isNull();
        assertThat(b.manager.catalog().group("web").members()).hasSize(1);
    }

    @Test
    void loadReportsReachEveryNodesSelection() {
        a.manager.reportServerLoad("web-2", 0.8);
        assertThat(a.manager.catalog().server("web-2").reportedLoad()).isEqualTo(0.8);
        assertThat(b.manager.catalog().server("web-2").reportedLoad()).as("before delivery").isZero();

        cluster.settle();

        assertThat(b.manager.catalog().server("web-2").reportedLoad()).isEqualTo(0.8);
        // A configuration change rebuilds the catalog; the report survives it.
        b.manager.setServerWeight("web-2", 5);
        assertThat(a.manager.catalog().server("web-2").reportedLoad()).isEqualTo(0.8);
        assertThat(a.manager.catalog().server("web-2").weight()).isEqualTo(5);
    }

    @Test
    void settingsChangeThroughComponentConfigurationOnEveryNode() {
        DispatchSettings wanted = a.manager.settings().toBuilder().strategy(SelectionStrategy.WEIGHTED_ROUND_ROBIN)
                .lockTtl(Duration.ofMillis(1500)).build();

        a.manager.updateSettings(wanted);

        assertThat(cluster.componentConfig.writes()).containsExactly(
                DispatchManager.class.getName() + ":strategy=weighted-round-robin",
                DispatchManager.class.getName() + ":lockTtlMillis=1500");
        assertThat(b.manager.settings().strategy()).isEqualTo(SelectionStrategy.WEIGHTED_ROUND_ROBIN);
        assertThat(b.manager.settings().lockTtl()).isEqualTo(Duration.ofMillis(1500));

        DispatchSettings tooLong = wanted.toBuilder().tombstoneRetention(Duration.ofSeconds(60))
                .lockTtl(Duration.ofSeconds(31)).build();
        assertThatThrownBy(() -> a.manager.updateSettings(tooLong)).isInstanceOf(OperationRefused.class)
                .hasMessage("lockTtlMillis: 31000 is out of range 1..30000");
        assertThat(cluster.componentConfig.writes()).hasSize(2);
    }

    @Test
    void placementRateCountsThisNodesPlacementsOverTheWindow() {
        a.samplePlacements();
        for (int port = 43000; port < 43004; port++) {
            a.packets.packetIn(trunk(D1), Fixtures.clientTcp(CLIENT, port, SYN), Optional.empty());
        }
        cluster.clock.advance(Duration.ofSeconds(2));
        a.samplePlacements();

        assertThat(a.manager.statistics().sessionsPlacedPerSecond()).isEqualTo(2.0);
        assertThat(b.manager.statistics().sessionsPlacedPerSecond()).as("B placed none").isZero();
    }

    @Test
    void componentConfigurationChangesSettingsAndRejectsBadValues() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(OsgiPropertyConstants.STRATEGY, "consistent-hash");
        properties.put(OsgiPropertyConstants.LOCK_TTL_MILLIS, "3500");
        properties.put(OsgiPropertyConstants.IDLE_TIMEOUT_SECONDS, "30");
        a.manager.modified(new TestComponentContext(properties));

        assertThat(a.manager.settings().strategy()).isEqualTo(SelectionStrategy.CONSISTENT_HASH);
        assertThat(a.manager.settings().lockTtl()).isEqualTo(Duration.ofMillis(3500));
        openAtD1(42000);
        assertThat(sessionRules(D1).get(0).timeout()).isEqualTo(30);

        properties.put(OsgiPropertyConstants.STRATEGY, "random");
        a.manager.modified(new TestComponentContext(properties));
        assertThat(a.manager.settings().strategy()).as("kept").isEqualTo(SelectionStrategy.CONSISTENT_HASH);
        properties.put(OsgiPropertyConstants.STRATEGY, "least-load");
        properties.put(OsgiPropertyConstants.IDLE_TIMEOUT_SECONDS, "0");
        a.manager.modified(new TestComponentContext(properties));
        assertThat(a.manager.settings().idleTimeout()).as("kept").isEqualTo(Duration.ofSeconds(30));

        properties.put(OsgiPropertyConstants.IDLE_TIMEOUT_SECONDS, "30");
        properties.put(OsgiPropertyConstants.MAX_SESSIONS, "250000");
        a.manager.modified(new TestComponentContext(properties));
        assertThat(a.manager.settings().maxSessions()).isEqualTo(250_000);
        properties.put(OsgiPropertyConstants.MAX_SESSIONS, "-5");
        a.manager.modified(new TestComponentContext(properties));
        assertThat(a.manager.settings().maxSessions()).as("kept").isEqualTo(250_000);
    }
}
