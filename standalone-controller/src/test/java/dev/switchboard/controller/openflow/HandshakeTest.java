package dev.switchboard.controller.openflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFErrorType;
import org.projectfloodlight.openflow.protocol.OFFeaturesRequest;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFSetConfig;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.errormsg.OFHelloFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.OFHelloFailedCode;
import org.projectfloodlight.openflow.types.OFPort;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeTest {

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_13", "OF_14", "OF_15"})
    void completesHandshakeWithPortDescriptionFrom13On(OFVersion version) throws Exception {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        assertThat(sw.handler().state()).isEqualTo(SwitchChannelHandler.State.WAIT_HELLO);

        sw.send(SwitchMessages.hello(version));
        List<OFMessage> afterHello = sw.written();
        assertThat(afterHello).extracting(OFMessage::getType).containsExactly(OFType.HELLO, OFType.FEATURES_REQUEST);
        assertThat(afterHello).allSatisfy(m -> assertThat(m.getVersion()).isEqualTo(version));
        assertThat(VersionNegotiation.offered((OFHello) afterHello.get(0))).containsExactly(version);
        assertThat(sw.handler().state()).isEqualTo(SwitchChannelHandler.State.WAIT_FEATURES_REPLY);

        OFFeaturesRequest featuresRequest = (OFFeaturesRequest) afterHello.get(1);
        sw.send(SwitchMessages.featuresReply(version, featuresRequest.getXid(), 0x201, 1, 2));
        List<OFMessage> afterFeatures = sw.written();
        assertThat(afterFeatures).extracting(OFMessage::getType)
                .containsExactly(OFType.SET_CONFIG, OFType.STATS_REQUEST);
        assertThat(((OFSetConfig) afterFeatures.get(0)).getMissSendLen()).isEqualTo(0xffff);
        assertThat(sw.handler().state()).isEqualTo(SwitchChannelHandler.State.WAIT_PORT_DESC);
        assertThat(sw.registry.size()).isZero();

        long portDescXid = ((OFPortDescStatsRequest) afterFeatures.get(1)).getXid();
        sw.send(SwitchMessages.portDescReply(version, portDescXid, true, 1));
        assertThat(sw.handler().state()).as("REPLY_MORE keeps waiting")
                .isEqualTo(SwitchChannelHandler.State.WAIT_PORT_DESC);
        sw.send(SwitchMessages.portDescReply(version, portDescXid, false, 2, 3));

        assertThat(sw.handler().state()).isEqualTo(SwitchChannelHandler.State.READY);
        RecordingListener.Event ready = sw.listener.next();
        assertThat(ready.kind()).isEqualTo("ready");
        SwitchConnection connection = ready.connection();
        assertThat(connection.dpid()).isEqualTo(0x201);
        assertThat(connection.version()).isEqualTo(version);
        assertThat(connection.factory().getVersion()).isEqualTo(version);
        assertThat(connection.ports().keySet()).containsExactly(OFPort.of(1), OFPort.of(2), OFPort.of(3));
        assertThat(sw.registry.get(0x201)).isSameAs(connection);
        assertThat(sw.channel.isOpen()).isTrue();
    }

    @Test
    void completesHandshakeOfAn10SwitchFromFeaturesReplyPorts() throws Exception {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        sw.send(SwitchMessages.hello(OFVersion.OF_10, Set.of()));
        List<OFMessage> afterHello = sw.written();
        assertThat(afterHello).extracting(OFMessage::getType).containsExactly(OFType.HELLO, OFType.FEATURES_REQUEST);
        assertThat(afterHello).allSatisfy(m -> assertThat(m.getVersion()).isEqualTo(OFVersion.OF_10));

        sw.send(SwitchMessages.featuresReply(OFVersion.OF_10, afterHello.get(1).getXid(), 0x100, 1, 2, 3));
        assertThat(sw.written()).extracting(OFMessage::getType).containsExactly(OFType.SET_CONFIG);

        RecordingListener.Event ready = sw.listener.next();
        assertThat(ready.kind()).isEqualTo("ready");
        assertThat(ready.connection().version()).isEqualTo(OFVersion.OF_10);
        assertThat(ready.connection().ports()).containsOnlyKeys(OFPort.of(1), OFPort.of(2), OFPort.of(3));
        assertThat(sw.handler().state()).isEqualTo(SwitchChannelHandler.State.READY);
    }

    @Test
    void prefers13WhenTheSwitchOffersEveryVersion() {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        sw.send(SwitchMessages.hello(OFVersion.OF_15,
                EnumSet.of(OFVersion.OF_10, OFVersion.OF_13, OFVersion.OF_14, OFVersion.OF_15)));
        List<OFMessage> reply = sw.written();
        OFHello hello = (OFHello) reply.get(0);
        assertThat(hello.getVersion()).isEqualTo(OFVersion.OF_13);
        assertThat(VersionNegotiation.offered(hello)).as("lists only the chosen version")
                .containsExactly(OFVersion.OF_13);
        assertThat(reply.get(1).getVersion()).isEqualTo(OFVersion.OF_13);
    }

    @Test
    void readsAHelloWithoutBitmapAsEveryVersionUpToItsOwn() {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        sw.send(SwitchMessages.hello(OFVersion.OF_15, Set.of()));
        assertThat(sw.written()).extracting(OFMessage::getVersion).containsOnly(OFVersion.OF_13);
    }

    @Test
    void fallsBackTo10ForAPre13HelloWithoutBitmap() {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        sw.send(SwitchMessages.hello(OFVersion.OF_12, Set.of()));
        assertThat(sw.written()).extracting(OFMessage::getVersion).containsOnly(OFVersion.OF_10);
    }

    @Test
    void picksTheHighestAcceptedVersionWhenThePreferredOneIsNotOffered() {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        sw.send(SwitchMessages.hello(OFVersion.OF_15, EnumSet.of(OFVersion.OF_14, OFVersion.OF_15)));
        assertThat(sw.written()).extracting(OFMessage::getVersion).containsOnly(OFVersion.OF_15);
    }

    @Test
    void refusesASwitchWithNoCommonVersionWithHelloFailed() {
        OpenFlowSettings only13 = OpenFlowSettings.of("127.0.0.1", 0)
                .withVersions(OFVersion.OF_13, Set.of(OFVersion.OF_13));
        EmbeddedSwitch sw = new EmbeddedSwitch(only13);
        sw.send(SwitchMessages.hello(OFVersion.OF_10, Set.of()));

        OFErrorMsg error = sw.writtenOne(OFType.ERROR);
        assertThat(error.getErrType()).isEqualTo(OFErrorType.HELLO_FAILED);
        assertThat(((OFHelloFailedErrorMsg) error).getCode()).isEqualTo(OFHelloFailedCode.INCOMPATIBLE);
        assertThat(error.getVersion()).as("in the switch's version").isEqualTo(OFVersion.OF_10);
        assertThat(sw.channel.isOpen()).isFalse();
        assertThat(sw.listener.isEmpty()).isTrue();
    }

    @Test
    void disconnectsWhenTheFirstMessageIsNotHello() {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        sw.send(SwitchMessages.featuresReply(OFVersion.OF_13, 1, 0x201));
        assertThat(sw.channel.isOpen()).isFalse();
        assertThat(sw.written()).isEmpty();
    }

    @Test
    void disconnectsOnASecondHello() {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        sw.send(SwitchMessages.hello(OFVersion.OF_13));
        sw.written();
        sw.send(SwitchMessages.hello(OFVersion.OF_13));
        assertThat(sw.channel.isOpen()).isFalse();
    }

    @Test
    void disconnectsOnAMessageInAnotherVersionThanNegotiated() throws Exception {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        sw.handshake(OFVersion.OF_13, 0x201, 1);
        sw.send(SwitchMessages.packetIn(OFVersion.OF_14, 1, new byte[] {1}));
        assertThat(sw.channel.isOpen()).isFalse();
        assertThat(sw.listener.next().kind()).isEqualTo("disconnected");
    }

    @Test
    void disconnectsASwitchThatSendsControllerMessages() throws Exception {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        sw.handshake(OFVersion.OF_13, 0x201, 1);
        sw.send(SwitchMessages.factory(OFVersion.OF_13).buildFlowAdd().setXid(9).build());
        assertThat(sw.channel.isOpen()).isFalse();
    }

    @Test
    void disconnectsOnAnErrorDuringTheHandshake() {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        sw.send(SwitchMessages.hello(OFVersion.OF_13));
        long xid = sw.written().get(1).getXid();
        sw.send(SwitchMessages.factory(OFVersion.OF_13).errorMsgs().buildBadRequestErrorMsg().setXid(xid)
                .setCode(OFBadRequestCode.BAD_VERSION).build());
        assertThat(sw.channel.isOpen()).isFalse();
        assertThat(sw.listener.isEmpty()).isTrue();
    }

    @Test
    void ignoresPacketInsBeforeTheSwitchIsReady() throws Exception {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        sw.send(SwitchMessages.hello(OFVersion.OF_13));
        sw.written();
        sw.send(SwitchMessages.packetIn(OFVersion.OF_13, 1, new byte[] {1, 2}));
        assertThat(sw.channel.isOpen()).isTrue();
        assertThat(sw.listener.next(50)).isNull();
    }

    @Test
    void appliesPortStatusReceivedWhileWaitingForPortDescriptions() throws Exception {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        OFVersion v = OFVersion.OF_13;
        sw.send(SwitchMessages.hello(v));
        sw.send(SwitchMessages.featuresReply(v, sw.written().get(1).getXid(), 0x300, 1, 2));
        long portDescXid = sw.written().get(1).getXid();
        sw.send(SwitchMessages.factory(v).buildPortStatus()
                .setReason(org.projectfloodlight.openflow.protocol.OFPortReason.ADD)
                .setDesc(SwitchMessages.port(v, 7))
                .build());
        sw.send(SwitchMessages.portDescReply(v, portDescXid, false, 1, 2));

        SwitchConnection connection = sw.listener.next("ready").connection();
        assertThat(connection.ports()).containsOnlyKeys(OFPort.of(1), OFPort.of(2), OFPort.of(7));
    }

    @Test
    void disconnectsWhenTheHandshakeDoesNotFinishInTime() {
        OpenFlowSettings settings = OpenFlowSettings.of("127.0.0.1", 0).withHandshakeTimeout(Duration.ofSeconds(3));
        EmbeddedSwitch sw = new EmbeddedSwitch(settings);
        sw.send(SwitchMessages.hello(OFVersion.OF_13));
        sw.written();

        sw.channel.advanceTimeBy(2, TimeUnit.SECONDS);
        sw.channel.runScheduledPendingTasks();
        assertThat(sw.channel.isOpen()).isTrue();

        sw.channel.advanceTimeBy(2, TimeUnit.SECONDS);
        sw.channel.runScheduledPendingTasks();
        assertThat(sw.channel.isOpen()).isFalse();
        assertThat(sw.handler().state()).isEqualTo(SwitchChannelHandler.State.DISCONNECTED);
    }

    @Test
    void aReadySwitchOutlivesTheHandshakeTimeout() throws Exception {
        OpenFlowSettings settings = OpenFlowSettings.of("127.0.0.1", 0).withHandshakeTimeout(Duration.ofSeconds(3));
        EmbeddedSwitch sw = new EmbeddedSwitch(settings);
        sw.handshake(OFVersion.OF_13, 0x201, 1);
        sw.channel.advanceTimeBy(10, TimeUnit.SECONDS);
        sw.channel.runScheduledPendingTasks();
        assertThat(sw.channel.isOpen()).isTrue();
    }

    @Test
    void unregistersAndReportsADisconnectedSwitch() throws Exception {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        SwitchConnection connection = sw.handshake(OFVersion.OF_13, 0x202, 1, 2);
        assertThat(sw.registry.get(0x202)).isSameAs(connection);

        sw.channel.close();
        RecordingListener.Event gone = sw.listener.next();
        assertThat(gone.kind()).isEqualTo("disconnected");
        assertThat(gone.connection()).isSameAs(connection);
        assertThat(sw.registry.get(0x202)).isNull();
        assertThat(connection.isConnected()).isFalse();
    }

    @Test
    void aReconnectingSwitchReplacesItsOldConnection() throws Exception {
        SwitchRegistry registry = new SwitchRegistry();
        OpenFlowSettings settings = OpenFlowSettings.of("127.0.0.1", 0);
        EmbeddedSwitch first = new EmbeddedSwitch(settings, new RecordingListener(), registry);
        SwitchConnection old = first.handshake(OFVersion.OF_13, 0x203, 1);
        EmbeddedSwitch second = new EmbeddedSwitch(settings, new RecordingListener(), registry);
        SwitchConnection fresh = second.handshake(OFVersion.OF_13, 0x203, 1);

        first.channel.runPendingTasks();
        assertThat(first.channel.isOpen()).as("old connection closed").isFalse();
        RecordingListener.Event gone = first.listener.next();
        assertThat(gone.kind()).isEqualTo("disconnected");
        assertThat(gone.connection()).isSameAs(old);
        assertThat(registry.get(0x203)).as("the old connection's close keeps the new one").isSameAs(fresh);
        assertThat(second.channel.isOpen()).isTrue();
        assertThat(second.listener.isEmpty()).isTrue();
    }
}
