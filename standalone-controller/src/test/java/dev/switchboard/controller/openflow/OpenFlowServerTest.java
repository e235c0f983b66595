package dev.switchboard.controller.openflow;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.projectfloodlight.openflow.protocol.OFBarrierReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real server on an ephemeral loopback port, with switches written on plain sockets. */
class OpenFlowServerTest {
    private final RecordingListener listener = new RecordingListener();
    private final SwitchRegistry registry = new SwitchRegistry();
    private OpenFlowServer server;

    private InetSocketAddress start(OpenFlowSettings settings) {
        server = new OpenFlowServer(settings, listener, registry);
        return server.start();
    }

    private InetSocketAddress start() {
        return start(OpenFlowSettings.of("127.0.0.1", 0).withWorkerThreads(2));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13", "OF_14", "OF_15"})
    void aSwitchCompletesTheHandshakeAndItsPacketInReachesTheListener(OFVersion version) throws Exception {
        InetSocketAddress address = start();
        assertThat(address.getPort()).isPositive();
        try (FakeSwitch sw = new FakeSwitch(address, version)) {
            sw.handshake(0x201, 1, 2);
            RecordingListener.Event ready = listener.next("ready");
            assertThat(ready.connection().dpid()).isEqualTo(0x201);
            assertThat(ready.connection().version()).isEqualTo(version);
            assertThat(registry.get(0x201)).isSameAs(ready.connection());

            sw.send(SwitchMessages.packetIn(version, 2, new byte[] {1, 2, 3, 4}));
            RecordingListener.Event packetIn = listener.next("packetIn");
            assertThat(((OFPacketIn) packetIn.message()).getData()).containsExactly(1, 2, 3, 4);
            assertThat(packetIn.connection()).isSameAs(ready.connection());
            assertThat(ready.connection().eventLoop().inEventLoop(packetIn.thread()))
                    .as("listener runs on the switch's event loop").isTrue();
        }
        assertThat(listener.next("disconnected").connection().dpid()).isEqualTo(0x201);
        assertThat(registry.size()).isZero();
    }

    @Test
    void garbageFromOneSwitchClosesOnlyThatSwitch() throws Exception {
        InetSocketAddress address = start();
        try (FakeSwitch good = new FakeSwitch(address, OFVersion.OF_13);
             FakeSwitch bad = new FakeSwitch(address, OFVersion.OF_13)) {
            good.handshake(0x201, 1, 2);
            SwitchConnection goodConnection = listener.next("ready").connection();
            bad.handshake(0x202, 1, 2);
            listener.next("ready");

            bad.sendRaw("\u0016\u0003\u0001garbage that is not OpenFlow".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(bad.closedByController()).isTrue();
            RecordingListener.Event gone = listener.next("disconnected");
            assertThat(gone.connection().dpid()).isEqualTo(0x202);

            good.send(SwitchMessages.packetIn(OFVersion.OF_13, 1, new byte[] {42}));
            RecordingListener.Event packetIn = listener.next("packetIn");
            assertThat(packetIn.connection()).isSameAs(goodConnection);
            assertThat(goodConnection.isConnected()).isTrue();

            CompletableFuture<OFBarrierReply> barrier = goodConnection.barrier();
            OFMessage request = good.receive(OFType.BARRIER_REQUEST);
            good.send(good.factory().buildBarrierReply().setXid(request.getXid()).build());
            assertThat(barrier.get(5, TimeUnit.SECONDS).getXid()).isEqualTo(request.getXid());
            assertThat(registry.all()).containsExactly(goodConnection);
        }
    }

    @Test
    void aMalformedPacketInFromOneSwitchClosesOnlyThatSwitch() throws Exception {
        InetSocketAddress address = start();
        try (FakeSwitch good = new FakeSwitch(address, OFVersion.OF_13);
             FakeSwitch bad = new FakeSwitch(address, OFVersion.OF_13)) {
            good.handshake(0x201, 1, 2);
            SwitchConnection goodConnection = listener.next("ready").connection();
            bad.handshake(0x202, 1, 2);
            listener.next("ready");

            // A packet-in whose match claims more bytes than the message has: read in place, so checked by hand.
            byte[] packetIn = SwitchMessages.bytes(SwitchMessages.packetIn(OFVersion.OF_13, 1, new byte[60]));
            packetIn[26] = 1; // match length 256+
            bad.sendRaw(packetIn);
            assertThat(bad.closedByController()).isTrue();
            assertThat(listener.next("disconnected").connection().dpid()).isEqualTo(0x202);

            good.send(SwitchMessages.packetIn(OFVersion.OF_13, 1, new byte[] {42}));
            RecordingListener.Event received = listener.next("packetIn");
            assertThat(received.connection()).isSameAs(goodConnection);
            assertThat(((org.projectfloodlight.openflow.protocol.OFPacketIn) received.message()).getData())
                    .containsExactly(42);
            assertThat(registry.all()).containsExactly(goodConnection);
        }
    }

    @Test
    void aSwitchThatNeverSaysHelloIsDisconnected() throws Exception {
        InetSocketAddress address = start(OpenFlowSettings.of("127.0.0.1", 0).withWorkerThreads(1)
                .withHandshakeTimeout(Duration.ofMillis(300)));
        try (FakeSwitch silent = new FakeSwitch(address, OFVersion.OF_13)) {
            assertThat(silent.closedByController()).isTrue();
        }
        assertThat(listener.next(100)).as("never READY, so never reported").isNull();
    }

    @Test
    void probesAnIdleSwitchWithEchoAndDropsItWhenItDoesNotAnswer() throws Exception {
        InetSocketAddress address = start(OpenFlowSettings.of("127.0.0.1", 0).withWorkerThreads(1)
                .withEchoInterval(Duration.ofMillis(200)));
        try (FakeSwitch sw = new FakeSwitch(address, OFVersion.OF_13)) {
            sw.handshake(0x201, 1);
            listener.next("ready");

            OFMessage probe = sw.receive(OFType.ECHO_REQUEST);
            sw.send(sw.factory().buildEchoReply().setXid(probe.getXid()).build());
            OFMessage secondProbe = sw.receive(OFType.ECHO_REQUEST);
            assertThat(secondProbe.getXid()).isNotEqualTo(probe.getXid());

            assertThat(sw.closedByController()).as("no answer to the second probe").isTrue();
            assertThat(listener.next("disconnected").connection().dpid()).isEqualTo(0x201);
        }
    }

    @Test
    void closingTheServerDisconnectsEverySwitch() throws Exception {
        InetSocketAddress address = start();
        try (FakeSwitch sw = new FakeSwitch(address, OFVersion.OF_13)) {
            sw.handshake(0x201, 1);
            listener.next("ready");
            server.close();
            assertThat(sw.closedByController()).isTrue();
            assertThat(listener.next("disconnected").connection().dpid()).isEqualTo(0x201);
        }
    }

    @Test
    void reportsAnAddressItCannotBind() {
        InetSocketAddress taken = start();
        OpenFlowServer second = new OpenFlowServer(
                OpenFlowSettings.of("127.0.0.1", taken.getPort()).withWorkerThreads(1), listener, registry);
        assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:" + taken.getPort());
    }
}
