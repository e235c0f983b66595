package dev.switchboard.controller.openflow;

import io.netty.handler.timeout.IdleStateEvent;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFEchoReply;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;

import static org.assertj.core.api.Assertions.assertThat;

/** Echo in both directions; idle events are fired by hand because IdleStateHandler reads the real clock. */
class KeepaliveTest {

    @Test
    void answersEchoRequestsWithTheSameXidAndData() throws Exception {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        sw.handshake(OFVersion.OF_13, 0x201, 1);
        OFFactory f = SwitchMessages.factory(OFVersion.OF_13);
        sw.send(f.buildEchoRequest().setXid(77).setData(new byte[] {9, 8, 7}).build());

        OFEchoReply reply = sw.writtenOne(OFType.ECHO_REPLY);
        assertThat(reply.getXid()).isEqualTo(77);
        assertThat(reply.getData()).containsExactly(9, 8, 7);
    }

    @Test
    void answersEchoRequestsDuringTheHandshake() {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        sw.send(SwitchMessages.hello(OFVersion.OF_14));
        sw.written();
        sw.send(SwitchMessages.factory(OFVersion.OF_14).buildEchoRequest().setXid(5).setData(new byte[0]).build());
        OFEchoReply reply = sw.writtenOne(OFType.ECHO_REPLY);
        assertThat(reply.getVersion()).isEqualTo(OFVersion.OF_14);
        assertThat(reply.getXid()).isEqualTo(5);
    }

    @Test
    void probesASilentSwitchAndKeepsItWhenItAnswers() throws Exception {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        sw.handshake(OFVersion.OF_13, 0x201, 1);

        sw.channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        OFEchoRequest probe = sw.writtenOne(OFType.ECHO_REQUEST);
        sw.send(SwitchMessages.factory(OFVersion.OF_13).buildEchoReply().setXid(probe.getXid()).build());

        sw.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(sw.channel.isOpen()).as("answered, so only probed again").isTrue();
        assertThat(sw.writtenOne(OFType.ECHO_REQUEST).getXid()).isNotEqualTo(probe.getXid());
    }

    @Test
    void disconnectsASwitchThatStaysSilentAfterAProbe() throws Exception {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        sw.handshake(OFVersion.OF_13, 0x201, 1);

        sw.channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        sw.writtenOne(OFType.ECHO_REQUEST);
        sw.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);

        assertThat(sw.channel.isOpen()).isFalse();
        assertThat(sw.listener.next().kind()).isEqualTo("disconnected");
    }

    @Test
    void anyMessageCountsAsAnAnswer() throws Exception {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        sw.handshake(OFVersion.OF_13, 0x201, 1);
        sw.channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        sw.written();
        sw.send(SwitchMessages.packetIn(OFVersion.OF_13, 1, new byte[] {1}));
        sw.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(sw.channel.isOpen()).isTrue();
    }
}
