package dev.switchboard.controller.openflow;

import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFBarrierReply;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFFlowRemovedReason;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsRequest;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFStatsType;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SwitchConnectionTest {
    private static final OFVersion V = OFVersion.OF_13;
    private final OFFactory f = SwitchMessages.factory(V);

    @Test
    void batchesManyWritesIntoOneFlush() throws Exception {
        FlushCounter counter = new FlushCounter();
        AtomicInteger flushesWithinTheCallback = new AtomicInteger(-1);
        RecordingListener writing = new RecordingListener() {
            @Override
            public void packetIn(SwitchConnection connection, PacketIn packetIn) {
                for (int i = 0; i < 100; i++) {
                    connection.write(connection.factory().buildFlowDelete().setXid(1000 + i).build());
                }
                flushesWithinTheCallback.set(counter.flushes.get());
            }
        };
        EmbeddedSwitch sw = new EmbeddedSwitch(OpenFlowSettings.of("127.0.0.1", 0), writing, new SwitchRegistry());
        sw.handshake(V, 0x201, 1, 2);
        sw.channel.pipeline().addFirst(counter);

        sw.send(packetIn(1));

        assertThat(flushesWithinTheCallback.get()).as("nothing flushed within the callback").isZero();
        List<OFMessage> written = sw.written();
        assertThat(counter.writes.get()).isEqualTo(100);
        assertThat(counter.flushes.get()).isEqualTo(1);
        assertThat(written).hasSize(100);
        assertThat(written).extracting(OFMessage::getXid).startsWith(1000L, 1001L).endsWith(1099L);
    }

    @Test
    void writesMadeWhileHandlingOneReadLeaveWithOneFlush() throws Exception {
        RecordingListener echoing = new RecordingListener() {
            @Override
            public void packetIn(SwitchConnection connection, PacketIn packetIn) {
                super.packetIn(connection, packetIn);
                for (int i = 0; i < 3; i++) {
                    connection.write(connection.factory().buildPacketOut().setXid(connection.nextXid())
                            .setData(packetIn.data()).build());
                }
            }
        };
        EmbeddedSwitch sw = new EmbeddedSwitch(OpenFlowSettings.of("127.0.0.1", 0), echoing, new SwitchRegistry());
        sw.handshake(V, 0x201, 1);
        FlushCounter counter = new FlushCounter();
        sw.channel.pipeline().addFirst(counter);

        byte[] five = SwitchMessages.bytes(packetIn(1), packetIn(2), packetIn(3), packetIn(4), packetIn(5));
        sw.sendBytes(five);

        assertThat(sw.written()).hasSize(15).extracting(OFMessage::getType).containsOnly(OFType.PACKET_OUT);
        assertThat(counter.writes.get()).isEqualTo(15);
        assertThat(counter.flushes.get()).isEqualTo(1);
    }

    @Test
    void completesABarrierByTheReplyWithItsXid() throws Exception {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        SwitchConnection connection = sw.handshake(V, 0x201, 1);

        CompletableFuture<OFBarrierReply> barrier = connection.barrier();
        OFBarrierRequest request = sw.writtenOne(OFType.BARRIER_REQUEST);
        sw.send(f.buildBarrierReply().setXid(request.getXid() + 1).build());
        assertThat(barrier).as("another xid does not complete it").isNotDone();

        sw.send(f.buildBarrierReply().setXid(request.getXid()).build());
        assertThat(barrier).isCompleted();
        assertThat(barrier.get().getXid()).isEqualTo(request.getXid());
    }

    @Test
    void collectsEveryPartOfAMultipartReply() throws Exception {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        SwitchConnection connection = sw.handshake(V, 0x201, 1);

        CompletableFuture<List<OFFlowStatsEntry>> stats =
                connection.flowStats(connection.factory().matchWildcardAll(), TableId.of(1));
        OFFlowStatsRequest request = sw.writtenOne(OFType.STATS_REQUEST);
        assertThat(request.getStatsType()).isEqualTo(OFStatsType.FLOW);
        assertThat(request.getTableId()).isEqualTo(TableId.of(1));

        sw.send(f.buildFlowStatsReply().setXid(request.getXid()).setFlags(EnumSet.of(OFStatsReplyFlags.REPLY_MORE))
                .setEntries(List.of(entry(1), entry(2))).build());
        assertThat(stats).isNotDone();
        sw.send(f.buildFlowStatsReply().setXid(request.getXid()).setEntries(List.of(entry(3))).build());

        assertThat(stats.get()).extracting(e -> e.getCookie().getValue()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void failsARequestTheSwitchAnswersWithAnErrorAndStillReportsTheError() throws Exception {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        SwitchConnection connection = sw.handshake(V, 0x201, 1);
        CompletableFuture<OFBarrierReply> barrier = connection.barrier();
        long xid = sw.writtenOne(OFType.BARRIER_REQUEST).getXid();

        OFErrorMsg error = f.errorMsgs().buildBadRequestErrorMsg().setXid(xid)
                .setCode(OFBadRequestCode.BAD_TYPE).build();
        sw.send(error);

        assertThatThrownBy(barrier::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(OpenFlowErrorException.class);
        RecordingListener.Event reported = sw.listener.next();
        assertThat(reported.kind()).isEqualTo("error");
        assertThat(((OFErrorMsg) reported.message()).getXid()).isEqualTo(xid);
    }

    @Test
    void failsPendingRequestsWhenTheSwitchDisconnects() throws Exception {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        SwitchConnection connection = sw.handshake(V, 0x201, 1);
        CompletableFuture<OFBarrierReply> barrier = connection.barrier();
        CompletableFuture<List<OFFlowStatsEntry>> stats =
                connection.flowStats(connection.factory().matchWildcardAll(), TableId.ALL);
        assertThat(sw.written()).extracting(OFMessage::getType)
                .containsExactly(OFType.BARRIER_REQUEST, OFType.STATS_REQUEST);

        sw.channel.close();

        assertThatThrownBy(() -> barrier.get(1, TimeUnit.SECONDS))
                .hasCauseInstanceOf(SwitchDisconnectedException.class);
        assertThatThrownBy(() -> stats.get(1, TimeUnit.SECONDS)).hasCauseInstanceOf(SwitchDisconnectedException.class);
        assertThatThrownBy(() -> connection.barrier().get(1, TimeUnit.SECONDS))
                .as("a request after the close fails at once")
                .hasCauseInstanceOf(SwitchDisconnectedException.class);
        connection.write(f.buildFlowDelete().build());
        assertThat(sw.channel.outboundMessages()).as("writes after close are dropped").isEmpty();
    }

    @Test
    void deliversAsynchronousMessagesToTheListener() throws Exception {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        SwitchConnection connection = sw.handshake(V, 0x201, 1, 2);

        sw.send(packetIn(7));
        RecordingListener.Event packetIn = sw.listener.next();
        assertThat(packetIn.kind()).isEqualTo("packetIn");
        assertThat(((OFPacketIn) packetIn.message()).getData()).containsExactly(7);

        OFFlowRemoved removed = f.buildFlowRemoved().setCookie(U64.of(0x5b00000000000001L))
                .setReason(OFFlowRemovedReason.IDLE_TIMEOUT).build();
        sw.send(removed);
        RecordingListener.Event flowRemoved = sw.listener.next();
        assertThat(flowRemoved.kind()).isEqualTo("flowRemoved");
        assertThat(((OFFlowRemoved) flowRemoved.message()).getCookie()).isEqualTo(U64.of(0x5b00000000000001L));

        sw.send(f.buildPortStatus().setReason(OFPortReason.DELETE).setDesc(SwitchMessages.port(V, 2)).build());
        RecordingListener.Event portStatus = sw.listener.next();
        assertThat(portStatus.kind()).isEqualTo("portStatus");
        assertThat(connection.ports()).as("updated before the listener ran").containsOnlyKeys(OFPort.of(1));

        sw.send(f.buildPortStatus().setReason(OFPortReason.ADD).setDesc(SwitchMessages.port(V, 5)).build());
        sw.listener.next("portStatus");
        assertThat(connection.ports()).containsOnlyKeys(OFPort.of(1), OFPort.of(5));
        assertThat(connection.port(OFPort.of(5)).getName()).isEqualTo("eth5");
    }

    @Test
    void aFailingListenerDoesNotCloseTheConnection() throws Exception {
        RecordingListener failing = new RecordingListener() {
            @Override
            public void packetIn(SwitchConnection connection, PacketIn packetIn) {
                super.packetIn(connection, packetIn);
                throw new IllegalStateException("bug in dispatch");
            }
        };
        EmbeddedSwitch sw = new EmbeddedSwitch(OpenFlowSettings.of("127.0.0.1", 0), failing, new SwitchRegistry());
        sw.handshake(V, 0x201, 1);
        sw.send(packetIn(1), packetIn(2));
        assertThat(sw.listener.next("packetIn")).isNotNull();
        assertThat(sw.listener.next("packetIn")).isNotNull();
        assertThat(sw.channel.isOpen()).isTrue();
    }

    @Test
    void allocatesDistinctXids() throws Exception {
        EmbeddedSwitch sw = new EmbeddedSwitch();
        SwitchConnection connection = sw.handshake(V, 0x201, 1);
        long a = connection.nextXid();
        long b = connection.nextXid();
        assertThat(b).isNotEqualTo(a).isPositive();
    }

    private OFPacketIn packetIn(int payload) {
        return SwitchMessages.packetIn(V, 1, new byte[] {(byte) payload});
    }

    private OFFlowStatsEntry entry(long cookie) {
        return f.buildFlowStatsEntry().setCookie(U64.of(cookie)).setTableId(TableId.of(1))
                .setMatch(f.matchWildcardAll()).build();
    }
}
