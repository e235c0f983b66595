package dev.switchboard.controller.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * An OpenFlow 1.3 switch over a real socket that records everything the controller sends, answers
 * echo and barrier requests itself, and lets a test wait (with a deadline) for a message it expects.
 */
final class PeerSwitch implements AutoCloseable {
    static final OFFactory OF = OFFactories.getFactory(OFVersion.OF_13);

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final List<OFMessage> received = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private final long dpid;
    private final int[] ports;
    private final OFFactory factory;

    PeerSwitch(InetSocketAddress controller, long dpid, int... ports) throws IOException {
        this(controller, OFVersion.OF_13, dpid, ports);
    }

    PeerSwitch(InetSocketAddress controller, OFVersion version, long dpid, int... ports) throws IOException {
        this.factory = OFFactories.getFactory(version);
        this.dpid = dpid;
        this.ports = ports;
        this.socket = new Socket(controller.getAddress(), controller.getPort());
        socket.setTcpNoDelay(true);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.reader = new Thread(this::readLoop, "peer-switch-" + Long.toHexString(dpid));
        reader.setDaemon(true);
        send(factory.buildHello().build());
        reader.start();
    }

    private void readLoop() {
        try {
            while (true) {
                byte[] header = new byte[8];
                in.readFully(header);
                int length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
                byte[] bytes = new byte[length];
                System.arraycopy(header, 0, bytes, 0, 8);
                in.readFully(bytes, 8, length - 8);
                OFMessage m = OFFactories.getGenericReader().readFrom(Unpooled.wrappedBuffer(bytes));
                answer(m);
                received.add(m);
            }
        } catch (Exception closed) {
            // the test closed the socket, or the controller did
        }
    }

    private void answer(OFMessage m) throws IOException {
        switch (m.getType()) {
            case FEATURES_REQUEST:
                org.projectfloodlight.openflow.protocol.OFFeaturesReply.Builder features = factory.buildFeaturesReply()
                        .setXid(m.getXid()).setDatapathId(DatapathId.of(dpid));
                if (factory.getVersion() == OFVersion.OF_10) {
                    List<OFPortDesc> own = new ArrayList<>();
                    for (int p : ports) {
                        own.add(factory.buildPortDesc().setPortNo(OFPort.of(p)).setName("p" + p).build());
                    }
                    features.setPorts(own);
                }
                send(features.build());
                break;
            case STATS_REQUEST:
                List<OFPortDesc> descs = new ArrayList<>();
                for (int p : ports) {
                    descs.add(port(p, false));
                }
                send(OF.buildPortDescStatsReply().setXid(m.getXid()).setEntries(descs).build());
                break;
            case ECHO_REQUEST:
                send(factory.buildEchoReply().setXid(m.getXid()).build());
                break;
            case BARRIER_REQUEST:
                send(factory.buildBarrierReply().setXid(m.getXid()).build());
                break;
            default:
                break;
        }
    }

    static OFPortDesc port(int number, boolean linkDown) {
        return OF.buildPortDesc().setPortNo(OFPort.of(number)).setName("p" + number)
                .setState(linkDown ? java.util.EnumSet.of(org.projectfloodlight.openflow.protocol.OFPortState.LINK_DOWN)
                        : java.util.EnumSet.noneOf(org.projectfloodlight.openflow.protocol.OFPortState.class))
                .build();
    }

    synchronized void send(OFMessage... messages) throws IOException {
        ByteBuf buf = Unpooled.buffer();
        for (OFMessage m : messages) {
            m.writeTo(buf);
        }
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        out.write(bytes);
        out.flush();
    }

    synchronized void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    OFFactory factory() {
        return factory;
    }

    /**
     * Sends an echo request and waits for its reply: the controller handles one switch's messages in
     * order, so everything sent before has been processed when this returns.
     */
    void roundTrip() throws IOException {
        long xid = 0x5b000000L + received.size();
        send(OF.buildEchoRequest().setXid(xid).build());
        await("the echo reply " + xid, org.projectfloodlight.openflow.protocol.OFEchoReply.class, r -> r.getXid() == xid);
    }

    /** Waits until a received message matches, and returns it; fails after the deadline. */
    <T extends OFMessage> T await(String what, Class<T> type, Predicate<T> match) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            for (OFMessage m : received) {
                if (type.isInstance(m) && match.test(type.cast(m))) {
                    return type.cast(m);
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("switch " + Long.toHexString(dpid) + " never received " + what + "; got "
                + received.stream().map(OFMessage::getType).toList());
    }

    /** @return how many received messages match */
    <T extends OFMessage> long count(Class<T> type, Predicate<T> match) {
        return received.stream().filter(type::isInstance).map(type::cast).filter(match).count();
    }

    List<OFMessage> received() {
        return received;
    }

    void assertNothingOf(OFType type) {
        assertThat(received).noneMatch(m -> m.getType() == type);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
