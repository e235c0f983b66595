package dev.switchboard.controller.openflow;

import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.rules.DispatcherTopology;
import dev.switchboard.rules.openflow.SessionFlowMods;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFlowDeleteStrict;
import org.projectfloodlight.openflow.protocol.OFFlowModCommand;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Already-encoded messages go through the production pipeline untouched, batched and ordered with the rest. */
class EncodedWriteTest {
    private static final OFVersion V = OFVersion.OF_13;
    private static final SessionFlowMods MODS = new SessionFlowMods(V, DispatcherTopology.of(1, 0x201, 1, 2), 60);

    @Test
    void anEncodedBufferPassesTheEncoderUntouchedInOrderAndInTheSameFlush() throws Exception {
        List<ByteBuf> handedOver = new ArrayList<>();
        RecordingListener writing = new RecordingListener() {
            @Override
            public void packetIn(SwitchConnection connection, PacketIn packetIn) {
                for (int i = 0; i < 3; i++) {
                    ByteBuf add = connection.alloc().ioBuffer(SessionFlowMods.ADD_LENGTH);
                    MODS.writeAdd(add, 100 + 2 * i, high(i), low(), 0x0200_0000_0b01L, 0xcb00_710b);
                    handedOver.add(add);
                    connection.write(add);
                    connection.write(connection.factory().buildBarrierRequest().setXid(101 + 2 * i).build());
                }
            }
        };
        EmbeddedSwitch sw = new EmbeddedSwitch(OpenFlowSettings.of("127.0.0.1", 0), writing, new SwitchRegistry());
        sw.handshake(V, 0x201, 1, 2);
        FlushCounter counter = new FlushCounter();
        sw.channel.pipeline().addFirst(counter);

        sw.send(SwitchMessages.packetIn(V, 1, new byte[] {1}));

        sw.channel.runPendingTasks();
        assertThat(counter.writes.get()).isEqualTo(6);
        assertThat(counter.flushes.get()).isEqualTo(1);
        Object first = sw.channel.readOutbound();
        assertThat(first).as("the buffer itself reaches the socket end, not a copy").isSameAs(handedOver.get(0));
        ((ByteBuf) first).release();
        List<OFMessage> rest = sw.written();
        assertThat(rest).extracting(OFMessage::getXid).containsExactly(101L, 102L, 103L, 104L, 105L);
        assertThat(rest).extracting(OFMessage::getType).containsExactly(OFType.BARRIER_REQUEST, OFType.FLOW_MOD,
                OFType.BARRIER_REQUEST, OFType.FLOW_MOD, OFType.BARRIER_REQUEST);
    }

    @Test
    void appendedMessagesLeaveInOrderWithOtherWritesAndInOneFlush() throws Exception {
        RecordingListener appending = new RecordingListener() {
            @Override
            public void packetIn(SwitchConnection connection, PacketIn packetIn) {
                MODS.writeAdd(connection.appendBuffer(SessionFlowMods.ADD_LENGTH), 200, high(1), low(), 0x0200_0000_0b01L,
                        0xcb00_710b);
                MODS.writeAdd(connection.appendBuffer(SessionFlowMods.ADD_LENGTH), 201, high(2), low(), 0x0200_0000_0b01L,
                        0xcb00_710b);
                connection.write(connection.factory().buildBarrierRequest().setXid(202).build());
                MODS.writeDeleteStrict(connection.appendBuffer(SessionFlowMods.DELETE_STRICT_LENGTH), 203, high(1),
                        low());
            }
        };
        EmbeddedSwitch sw = new EmbeddedSwitch(OpenFlowSettings.of("127.0.0.1", 0), appending, new SwitchRegistry());
        sw.handshake(V, 0x201, 1, 2);
        FlushCounter counter = new FlushCounter();
        sw.channel.pipeline().addFirst(counter);

        sw.send(SwitchMessages.packetIn(V, 1, new byte[] {1}));
        sw.channel.runPendingTasks();

        assertThat(counter.writes.get()).as("two adds as one buffer, the barrier, the delete").isEqualTo(3);
        assertThat(counter.flushes.get()).isEqualTo(1);
        List<OFMessage> written = sw.written();
        assertThat(written).extracting(OFMessage::getXid).containsExactly(200L, 201L, 202L, 203L);
        assertThat(written).extracting(OFMessage::getType).containsExactly(OFType.FLOW_MOD, OFType.FLOW_MOD,
                OFType.BARRIER_REQUEST, OFType.FLOW_MOD);
    }

    @Test
    void anEncodedDeleteDecodesOnTheSwitchSide() throws Exception {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        SwitchConnection connection = sw.handshake(V, 0x201, 1, 2);
        ByteBuf delete = connection.alloc().ioBuffer(SessionFlowMods.DELETE_STRICT_LENGTH);
        MODS.writeDeleteStrict(delete, 42, high(7), low());

        connection.write(delete);

        OFFlowDeleteStrict written = sw.writtenOne(OFType.FLOW_MOD);
        assertThat(written.getXid()).isEqualTo(42L);
        assertThat(written.getCommand()).isEqualTo(OFFlowModCommand.DELETE_STRICT);
    }

    @Test
    void anEncodedBufferWrittenAfterTheCloseIsReleasedAndDropped() throws Exception {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        SwitchConnection connection = sw.handshake(V, 0x201, 1, 2);
        sw.channel.close();
        ByteBuf late = connection.alloc().ioBuffer(SessionFlowMods.DELETE_STRICT_LENGTH);
        MODS.writeDeleteStrict(late, 43, high(8), low());

        connection.write(late);

        assertThat(late.refCnt()).as("the connection owned it and freed it").isZero();
        assertThat(sw.channel.outboundMessages()).isEmpty();
    }

    @Test
    void allocatesFromTheChannelsAllocator() throws Exception {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        SwitchConnection connection = sw.handshake(V, 0x201, 1);
        assertThat(connection.alloc()).isSameAs(sw.channel.alloc());
    }

    private static long high(int client) {
        return SessionKey.packHigh(0x0a00_0000 + client, 40_000 + client, 80);
    }

    private static long low() {
        return SessionKey.packLow(0xc633_640a, Protocol.TCP.ipNumber());
    }
}
