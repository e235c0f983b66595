package dev.switchboard.harness.openflow;

import dev.switchboard.harness.FakeController;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBarrierReply;
import org.projectfloodlight.openflow.protocol.OFEchoReply;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFGetConfigReply;
import org.projectfloodlight.openflow.protocol.OFGroupStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFHelloElemVersionbitmap;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.protocol.OFPortStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFStatsType;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The emulated switch's side of the OpenFlow 1.3 conversation, driven by a scripted fake controller. */
class EmulatedSwitchTest {
    private static final OFFactory OF13 = OFFactories.getFactory(OFVersion.OF_13);
    private static final long DPID = 0x201;
    private static final SwitchSpec DISPATCHER = new SwitchSpec(SwitchRole.DISPATCHER, 0, DPID, List.of(1, 2));

    private NioEventLoopGroup group;
    private FakeController controller;

    @BeforeEach
    void start() throws InterruptedException {
        group = new NioEventLoopGroup(1);
        controller = new FakeController(null);
    }

    @AfterEach
    void stop() throws InterruptedException {
        controller.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }

    private CompletableFuture<SwitchFleet> connectAsync(SwitchSpec spec) {
        return connectAsync(spec, Duration.ofSeconds(5));
    }

    private CompletableFuture<SwitchFleet> connectAsync(SwitchSpec spec, Duration timeout) {
        EventLoop loop = group.next();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return SwitchFleet.connect(loop, controller.address(), List.of(spec), new NoEvents(), timeout);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Plays the controller's side of the handshake; returns the switch's connection. */
    private FakeController.Connection handshake(long featuresXid, long portDescXid) throws Exception {
        FakeController.Connection c = controller.accept();
        OFHello hello = c.receive(OFType.HELLO);
        assertThat(hello.getVersion()).isEqualTo(OFVersion.OF_13);
        assertThat(hello.getElements()).singleElement().isInstanceOfSatisfying(OFHelloElemVersionbitmap.class,
                b -> assertThat(b.getBitmaps().get(0).getValue()).isEqualTo(1L << 4));
        c.send(OF13.buildHello().setXid(1).build(), OF13.buildFeaturesRequest().setXid(featuresXid).build());
        OFFeaturesReply features = c.receive(OFType.FEATURES_REPLY);
        assertThat(features.getXid()).isEqualTo(featuresXid);
        assertThat(features.getDatapathId().getLong()).isEqualTo(DPID);
        c.send(OF13.buildSetConfig().setXid(9).setMissSendLen(0xffff).build(),
                OF13.buildPortDescStatsRequest().setXid(portDescXid).build());
        OFPortDescStatsReply ports = c.receive(OFType.STATS_REPLY);
        assertThat(ports.getXid()).isEqualTo(portDescXid);
        assertThat(ports.getFlags()).doesNotContain(OFStatsReplyFlags.REPLY_MORE);
        assertThat(ports.getEntries()).extracting(p -> p.getPortNo().getPortNumber()).containsExactly(1, 2);
        for (OFPortDesc p : ports.getEntries()) {
            assertThat(p.getState()).contains(OFPortState.LIVE);
            assertThat(p.getHwAddr().getLong()).isNotZero();
        }
        return c;
    }

    @Test
    void completesTheHandshakeWithItsDatapathIdAndPorts() throws Exception {
        CompletableFuture<SwitchFleet> connecting = connectAsync(DISPATCHER);
        handshake(77, 78);
        try (SwitchFleet fleet = connecting.get(5, TimeUnit.SECONDS)) {
            assertThat(fleet.dispatchers()).singleElement()
                    .satisfies(sw -> assertThat(sw.handshake()).isCompleted());
        }
    }

    @Test
    void handshakeIsNotCompleteBeforeThePortDescriptionRequest() throws Exception {
        CompletableFuture<SwitchFleet> connecting = connectAsync(DISPATCHER, Duration.ofSeconds(1));
        FakeController.Connection c = controller.accept();
        c.receive(OFType.HELLO);
        c.send(OF13.buildHello().setXid(1).build(), OF13.buildFeaturesRequest().setXid(2).build());
        c.receive(OFType.FEATURES_REPLY);
        // Without the PORT_DESC request the fleet keeps waiting and finally gives up with a clear message.
        assertThatThrownBy(() -> connecting.join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(HandshakeException.class)
                .hasMessageContaining("did not complete the handshake");
    }

    @Test
    void answersEchoBarrierConfigAndMultipartRequestsWithTheirXids() throws Exception {
        CompletableFuture<SwitchFleet> connecting = connectAsync(DISPATCHER);
        FakeController.Connection c = handshake(2, 3);
        try (SwitchFleet fleet = connecting.get(5, TimeUnit.SECONDS)) {
            c.send(OF13.buildEchoRequest().setXid(40).setData(new byte[] {1, 2, 3}).build());
            OFEchoReply echo = c.receive(OFType.ECHO_REPLY);
            assertThat(echo.getXid()).isEqualTo(40);
            assertThat(echo.getData()).containsExactly(1, 2, 3);

            c.send(OF13.buildBarrierRequest().setXid(41).build());
            OFBarrierReply barrier = c.receive(OFType.BARRIER_REPLY);
            assertThat(barrier.getXid()).isEqualTo(41);

            c.send(OF13.buildGetConfigRequest().setXid(42).build());
            OFGetConfigReply config = c.receive(OFType.GET_CONFIG_REPLY);
            assertThat(config.getXid()).isEqualTo(42);
            assertThat(config.getMissSendLen()).isEqualTo(0xffff);

            c.send(OF13.buildFlowStatsRequest().setXid(43).setTableId(TableId.ALL).build());
            OFFlowStatsReply flows = c.receive(OFType.STATS_REPLY);
            assertThat(flows.getXid()).isEqualTo(43);
            assertThat(flows.getEntries()).isEmpty();

            c.send(OF13.buildPortStatsRequest().setXid(44).setPortNo(OFPort.ANY).build());
            OFPortStatsReply portStats = c.receive(OFType.STATS_REPLY);
            assertThat(portStats.getXid()).isEqualTo(44);
            assertThat(portStats.getEntries()).isEmpty();

            c.send(OF13.buildGroupStatsRequest().setXid(45).setGroup(OFGroup.ALL).build());
            OFGroupStatsReply groupStats = c.receive(OFType.STATS_REPLY);
            assertThat(groupStats.getXid()).isEqualTo(45);
            assertThat(groupStats.getEntries()).isEmpty();

            c.send(OF13.buildDescStatsRequest().setXid(46).build());
            OFStatsReply desc = c.receive(OFType.STATS_REPLY);
            assertThat(desc.getXid()).isEqualTo(46);
            assertThat(desc.getStatsType()).isEqualTo(OFStatsType.DESC);

            SwitchCounters.Snapshot counts = fleet.loop().submit(() -> fleet.counters().get(0)).get();
            assertThat(counts.echo()).isEqualTo(1);
            assertThat(counts.barrier()).isEqualTo(1);
            assertThat(counts.multipart()).isEqualTo(5); // port descriptions, flows, ports, groups, description
        }
    }

    @Test
    void takesFlowModsGroupModsAndPacketOutsSilentlyAndCountsThem() throws Exception {
        CompletableFuture<SwitchFleet> connecting = connectAsync(DISPATCHER);
        FakeController.Connection c = handshake(2, 3);
        try (SwitchFleet fleet = connecting.get(5, TimeUnit.SECONDS)) {
            c.send(OF13.buildFlowAdd().setXid(50).setTableId(TableId.of(1)).setPriority(100)
                            .setMatch(OF13.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4).build()).build(),
                    OF13.buildFlowDelete().setXid(51).setTableId(TableId.ALL).build(),
                    OF13.buildGroupAdd().setXid(52).setGroup(OFGroup.of(1)).setGroupType(OFGroupType.SELECT)
                            .setBuckets(List.of()).build(),
                    OF13.buildPacketOut().setXid(53).setBufferId(OFBufferId.NO_BUFFER).setInPort(OFPort.CONTROLLER)
                            .setActions(List.of()).setData(new byte[60]).build(),
                    // The barrier's reply proves the switch processed everything before it.
                    OF13.buildBarrierRequest().setXid(54).build());
            OFBarrierReply barrier = c.receive(OFType.BARRIER_REPLY);
            assertThat(barrier.getXid()).isEqualTo(54);
            SwitchCounters.Snapshot counts = fleet.loop().submit(() -> fleet.counters().get(0)).get();
            assertThat(counts.flowModAdd()).isEqualTo(1);
            assertThat(counts.flowModDelete()).isEqualTo(1);
            assertThat(counts.groupMod()).isEqualTo(1);
            assertThat(counts.packetOut()).isEqualTo(1);
            assertThat(counts.packetOutWithoutClient()).isEqualTo(1); // 60 zero bytes are no IPv4 packet
            assertThat(counts.sessionRules()).isZero();
            assertThat(counts.barrier()).isEqualTo(1);
            assertThat(counts.error()).isZero();
        }
    }

    @Test
    void refusesAControllerThatDoesNotOfferOpenFlow13() throws Exception {
        CompletableFuture<SwitchFleet> connecting = connectAsync(DISPATCHER);
        FakeController.Connection c = controller.accept();
        c.receive(OFType.HELLO);
        c.send(OFFactories.getFactory(OFVersion.OF_10).buildHello().setXid(1).build());
        assertThat(c.awaitClosed()).isTrue();
        assertThatThrownBy(connecting::join).hasCauseInstanceOf(HandshakeException.class)
                .hasMessageContaining("does not offer OpenFlow 1.3");
    }

    /** Dispatcher events nobody needs in these tests. */
    private static final class NoEvents implements DispatcherEvents {
        @Override
        public void packetOut(int dispatcher, long clientKey, long nanos) {
        }

        @Override
        public void sessionRule(int dispatcher, long clientKey, long nanos) {
        }

        @Override
        public void readComplete() {
        }
    }
}
