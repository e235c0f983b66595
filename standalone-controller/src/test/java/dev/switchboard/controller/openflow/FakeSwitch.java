package dev.switchboard.controller.openflow;

import io.netty.buffer.Unpooled;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** A switch written with openflowj over a plain blocking socket, for loopback tests of the real server. */
final class FakeSwitch implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final OFVersion version;
    private final OFFactory factory;

    FakeSwitch(InetSocketAddress controller, OFVersion version) throws IOException {
        this.socket = new Socket(controller.getAddress(), controller.getPort());
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.version = version;
        this.factory = OFFactories.getFactory(version);
    }

    OFFactory factory() {
        return factory;
    }

    void send(OFMessage... messages) throws IOException {
        out.write(SwitchMessages.bytes(messages));
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** @return the next message from the controller; fails the test after five seconds */
    OFMessage receive() throws IOException {
        byte[] header = new byte[8];
        in.readFully(header);
        int length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
        byte[] message = new byte[length];
        System.arraycopy(header, 0, message, 0, 8);
        in.readFully(message, 8, length - 8);
        try {
            return OFFactories.getGenericReader().readFrom(Unpooled.wrappedBuffer(message));
        } catch (OFParseError e) {
            throw new AssertionError("controller sent an unparsable message", e);
        }
    }

    /** @return the next message, asserting its type */
    @SuppressWarnings("unchecked")
    <T extends OFMessage> T receive(OFType type) throws IOException {
        OFMessage message = receive();
        assertThat(message.getType()).isEqualTo(type);
        return (T) message;
    }

    /** Plays the switch side of the handshake. */
    void handshake(long dpid, int... ports) throws IOException {
        send(SwitchMessages.hello(version));
        receive(OFType.HELLO);
        OFMessage featuresRequest = receive(OFType.FEATURES_REQUEST);
        send(SwitchMessages.featuresReply(version, featuresRequest.getXid(), dpid, ports));
        receive(OFType.SET_CONFIG);
        if (version != OFVersion.OF_10) {
            OFMessage portDesc = receive(OFType.STATS_REQUEST);
            send(SwitchMessages.portDescReply(version, portDesc.getXid(), false, ports));
        }
    }

    /** @return whether the controller closed the connection within five seconds, discarding what it sent */
    boolean closedByController() throws IOException {
        try {
            while (true) {
                receive();
            }
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // A reset is a close as well.
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
