package dev.switchboard.onos;

import dev.switchboard.dispatch.model.Ipv4;
import dev.switchboard.rules.RuleConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onlab.packet.ARP;
import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.MacAddress;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.group.Group;
import org.onosproject.net.group.GroupDescription;
import org.onosproject.net.packet.OutboundPacket;
import org.onosproject.net.packet.PacketContext;

import java.util.List;
import java.util.Optional;

import static dev.switchboard.onos.Fixtures.D1;
import static dev.switchboard.onos.Fixtures.D2;
import static dev.switchboard.onos.Fixtures.ROUTER;
import static dev.switchboard.onos.Fixtures.SAN;
import static org.assertj.core.api.Assertions.assertThat;

/** The router and SAN switch as programmed by the node that masters them, and ARP. */
class InfrastructureTest {
    private TestCluster cluster;
    private TestCluster.Node a;

    @BeforeEach
    void setUp() {
        cluster = new TestCluster();
        a = cluster.node("A");
        TestCluster.Node b = cluster.node("B");
        cluster.mastership.setMaster(ROUTER, "A");
        cluster.mastership.setMaster(SAN, "A");
        cluster.mastership.setMaster(D1, "A");
        cluster.mastership.setMaster(D2, "B");
        cluster.configure();
        cluster.settle();
    }

    private static Ethernet arpRequest(String senderIp, String senderMac, String targetIp) {
        return ARP.buildArpRequest(MacAddress.valueOf(senderMac).toBytes(), Ip4Address.valueOf(senderIp).toOctets(),
                Ip4Address.valueOf(targetIp).toOctets(), Ethernet.VLAN_UNTAGGED);
    }

    @Test
    void routerGetsTrunkGroupAndRules() {
        List<Group> groups = cluster.groups.groups(ROUTER);
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).type()).isEqualTo(GroupDescription.Type.SELECT);
        assertThat(groups.get(0).buckets().buckets()).extracting(b -> b.treatment().allInstructions().toString())
                .containsExactly("[OUTPUT:3]", "[OUTPUT:4]");
        assertThat(cluster.flowRules.rules(ROUTER, RuleConstants.ROUTER_TABLE, RuleConstants.PRIORITY_ROUTER_TRUNK))
                .as("one trunk rule per client port and VIP").hasSize(2)
                .allSatisfy(r -> assertThat(r.treatment().allInstructions().toString()).contains("GROUP"));
        assertThat(cluster.flowRules.rules(ROUTER, RuleConstants.ROUTER_TABLE,
                RuleConstants.PRIORITY_ROUTER_LOCK_FORWARD)).hasSize(2);
        assertThat(cluster.flowRules.rules(ROUTER, RuleConstants.ROUTER_TABLE, RuleConstants.PRIORITY_ROUTER_ARP))
                .hasSize(1);
    }

    @Test
    void sanSwitchGetsUplinkGroupAndServerRules() {
        assertThat(cluster.groups.groups(SAN)).hasSize(1);
        assertThat(cluster.flowRules.rules(SAN, RuleConstants.SAN_TABLE, RuleConstants.PRIORITY_SAN_SERVER))
                .hasSize(2);
        assertThat(cluster.flowRules.rules(SAN, RuleConstants.SAN_TABLE, RuleConstants.PRIORITY_SAN_UPLINK))
                .hasSize(2);
    }

    @Test
    void dispatchersGetStaticRulesOnlyFromTheirMaster() {
        for (var device : List.of(D1, D2)) {
            assertThat(cluster.flowRules.rules(device, RuleConstants.DISPATCHER_SESSION_TABLE,
                    RuleConstants.PRIORITY_DISPATCHER_VIP_MISS)).hasSize(1);
            assertThat(cluster.flowRules.rules(device, RuleConstants.DISPATCHER_SESSION_TABLE,
                    RuleConstants.PRIORITY_DISPATCHER_REVERSE)).hasSize(2);
            assertThat(cluster.flowRules.rules(device, RuleConstants.DISPATCHER_CLASSIFY_TABLE,
                    RuleConstants.PRIORITY_DISPATCHER_CLASSIFY_MISS)).hasSize(1);
        }
    }

    @Test
    void routerAnswersArpForGatewayAndVipAndLearnsClientRoute() throws Exception {
        ConnectPoint clientPort = new ConnectPoint(ROUTER, PortNumber.portNumber(1));
        PacketContext context = a.packets.packetIn(clientPort,
                arpRequest(Fixtures.CLIENT, "02:00:00:00:0a:01", "192.0.2.1"), Optional.empty());

        assertThat(context.isHandled()).isTrue();
        OutboundPacket reply = a.packets.emitted().get(0);
        assertThat(reply.sendThrough()).isEqualTo(ROUTER);
        assertThat(reply.treatment()).isEqualTo(DefaultTrafficTreatment.builder()
                .setOutput(PortNumber.portNumber(1)).build());
        Ethernet frame = Ethernet.deserializer().deserialize(reply.data().array(), 0, reply.data().remaining());
        ARP arp = (ARP) frame.getPayload();
        assertThat(arp.getOpCode()).isEqualTo(ARP.OP_REPLY);
        assertThat(MacAddress.valueOf(arp.getSenderHardwareAddress()))
                .isEqualTo(MacAddress.valueOf("02:5b:00:00:00:01"));

        a.packets.packetIn(clientPort, arpRequest(Fixtures.CLIENT, "02:00:00:00:0a:01", Fixtures.VIP),
                Optional.empty());
        assertThat(a.packets.emitted()).hasSize(2);

        List<FlowRule> routes = cluster.flowRules.rules(ROUTER, RuleConstants.ROUTER_TABLE,
                RuleConstants.PRIORITY_ROUTER_CLIENT_ROUTE);
        assertThat(routes).hasSize(1);
        assertThat(routes.get(0).treatment()).isEqualTo(DefaultTrafficTreatment.builder()
                .setEthSrc(MacAddress.valueOf("02:5b:00:00:00:01")).setEthDst(MacAddress.valueOf("02:00:00:00:0a:01"))
                .setOutput(PortNumber.portNumber(1)).build());

        // A reconfiguration keeps the learned route.
        cluster.configure();
        assertThat(cluster.flowRules.rules(ROUTER, RuleConstants.ROUTER_TABLE,
                RuleConstants.PRIORITY_ROUTER_CLIENT_ROUTE)).hasSize(1);
    }

    @Test
    void sanAnswersArpForServerGatewayAndServers() throws Exception {
        ConnectPoint serverPort = new ConnectPoint(SAN, PortNumber.portNumber(3));
        a.packets.packetIn(serverPort, arpRequest(Fixtures.WEB_1, "02:00:00:00:0b:01", "203.0.113.1"),
                Optional.empty());
        a.packets.packetIn(serverPort, arpRequest(Fixtures.WEB_1, "02:00:00:00:0b:01", Fixtures.WEB_2),
                Optional.empty());
        a.packets.packetIn(serverPort, arpRequest(Fixtures.WEB_1, "02:00:00:00:0b:01", "203.0.113.77"),
                Optional.empty());

        assertThat(a.packets.emitted()).hasSize(2);
        ARP gateway = (ARP) Ethernet.deserializer().deserialize(a.packets.emitted().get(0).data().array(), 0,
                a.packets.emitted().get(0).data().remaining()).getPayload();
        assertThat(Ip4Address.valueOf(gateway.getSenderProtocolAddress()).toInt()).isEqualTo(Ipv4.parse("203.0.113.1"));
        ARP server = (ARP) Ethernet.deserializer().deserialize(a.packets.emitted().get(1).data().array(), 0,
                a.packets.emitted().get(1).data().remaining()).getPayload();
        assertThat(MacAddress.valueOf(server.getSenderHardwareAddress()))
                .isEqualTo(MacAddress.valueOf("02:00:00:00:0b:02"));
    }

    @Test
    void stoppingOneNodeLeavesRulesButDeactivatingTheAppRemovesThem() {
        int rules = cluster.flowRules.getFlowRuleCount();
        assertThat(rules).isPositive();

        a.manager.deactivate();
        assertThat(cluster.flowRules.getFlowRuleCount()).as("the next master reconciles them").isEqualTo(rules);
        assertThat(cluster.groups.groups(ROUTER)).hasSize(1);

        cluster.deactivateHooks.forEach(Runnable::run);
        assertThat(cluster.flowRules.getFlowRuleCount()).isZero();
        assertThat(cluster.groups.groups(ROUTER)).isEmpty();
        assertThat(cluster.groups.groups(SAN)).isEmpty();
    }

    @Test
    void trunkPortDownLeavesTheGroupAndComesBack() {
        cluster.devices.setPortUp(ROUTER, PortNumber.portNumber(4), false);
        assertThat(cluster.groups.groups(ROUTER).get(0).buckets().buckets())
                .extracting(b -> b.treatment().allInstructions().toString()).containsExactly("[OUTPUT:3]");

        cluster.devices.setPortUp(ROUTER, PortNumber.portNumber(4), true);
        assertThat(cluster.groups.groups(ROUTER).get(0).buckets().buckets()).hasSize(2);
    }
}
