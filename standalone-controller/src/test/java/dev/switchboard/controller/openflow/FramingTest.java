package dev.switchboard.controller.openflow;

import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class FramingTest {

    @Test
    void reassemblesAMessageSplitAcrossReads() {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        byte[] hello = SwitchMessages.bytes(SwitchMessages.hello(OFVersion.OF_13));

        sw.sendBytes(Arrays.copyOfRange(hello, 0, 3));
        sw.sendBytes(Arrays.copyOfRange(hello, 3, 9));
        assertThat(sw.written()).as("nothing until the whole HELLO arrived").isEmpty();
        assertThat(sw.handler().state()).isEqualTo(SwitchChannelHandler.State.WAIT_HELLO);

        sw.sendBytes(Arrays.copyOfRange(hello, 9, hello.length));
        assertThat(sw.written()).extracting(OFMessage::getType).containsExactly(OFType.HELLO, OFType.FEATURES_REQUEST);
        assertThat(sw.channel.isOpen()).isTrue();
    }

    @Test
    void splitsSeveralMessagesDeliveredInOneRead() throws Exception {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        SwitchConnection connection = sw.handshake(OFVersion.OF_13, 0x201, 1);
        byte[] three = SwitchMessages.bytes(
                SwitchMessages.packetIn(OFVersion.OF_13, 1, new byte[] {1}),
                SwitchMessages.packetIn(OFVersion.OF_13, 1, new byte[] {2, 2}),
                SwitchMessages.packetIn(OFVersion.OF_13, 1, new byte[] {3, 3, 3}));
        // Cut across the message boundaries as TCP may.
        sw.sendBytes(Arrays.copyOfRange(three, 0, 30));
        sw.sendBytes(Arrays.copyOfRange(three, 30, three.length));

        for (int i = 1; i <= 3; i++) {
            RecordingListener.Event event = sw.listener.next();
            assertThat(event.kind()).isEqualTo("packetIn");
            assertThat(event.connection()).isSameAs(connection);
            assertThat(((OFPacketIn) event.message()).getData()).hasSize(i);
        }
    }

    @Test
    void closesOnBytesThatAreNotOpenFlow() {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        sw.sendBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(sw.channel.isOpen()).isFalse();
        assertThat(sw.handler().state()).isEqualTo(SwitchChannelHandler.State.DISCONNECTED);
        assertThat(sw.written()).isEmpty();
    }

    @Test
    void closesOnALengthShorterThanTheHeader() {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        sw.sendBytes(new byte[] {4, 0, 0, 4, 0, 0, 0, 1});
        assertThat(sw.channel.isOpen()).isFalse();
    }

    @Test
    void closesOnAMessageOpenflowjCannotParse() throws Exception {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        sw.handshake(OFVersion.OF_13, 0x201, 1);
        // Valid header, message type 200 does not exist in 1.3.
        sw.sendBytes(new byte[] {4, (byte) 200, 0, 8, 0, 0, 0, 7});
        assertThat(sw.channel.isOpen()).isFalse();
        assertThat(sw.listener.next().kind()).isEqualTo("disconnected");
    }

    @Test
    void closesOnGarbageAfterAValidHandshake() throws Exception {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        sw.handshake(OFVersion.OF_13, 0x201, 1);
        byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0xa5);
        sw.sendBytes(garbage);
        assertThat(sw.channel.isOpen()).isFalse();
        assertThat(sw.listener.next().kind()).isEqualTo("disconnected");
        assertThat(sw.registry.size()).isZero();
    }
}
