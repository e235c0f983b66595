package dev.switchboard.harness;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.MessageToByteEncoder;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;
import org.projectfloodlight.openflow.protocol.OFType;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A tiny OpenFlow controller for the tests, written with openflowj over loopback: it records what each switch
 * sends and lets a {@link Behaviour} answer (on the controller's own event loop).
 */
public final class FakeController implements AutoCloseable {
    private static final OFMessageReader<OFMessage> READER = OFFactories.getGenericReader();

    /** Reacts to the switches' messages; runs on the controller's event loop. */
    public interface Behaviour {
        /**
         * @param controller the controller (for its other connections)
         * @param connection where the message came from
         * @param message what came
         */
        void onMessage(FakeController controller, Connection connection, OFMessage message);
    }

    /** One switch's connection. */
    public static final class Connection {
        private final Channel channel;
        private final BlockingQueue<OFMessage> received = new LinkedBlockingQueue<>();
        private volatile long dpid = -1;

        Connection(Channel channel) {
            this.channel = channel;
        }

        /** @return the datapath id from the FEATURES_REPLY, -1 before */
        public long dpid() {
            return dpid;
        }

        /** Records the datapath id (behaviours call this on FEATURES_REPLY). */
        public void dpid(long id) {
            this.dpid = id;
        }

        /** Writes and flushes messages to the switch (any thread). */
        public void send(OFMessage... messages) {
            for (OFMessage m : messages) {
                channel.write(m);
            }
            channel.flush();
        }

        /** Writes without flushing (on the controller's event loop, followed by {@link #flush()}). */
        public void write(OFMessage message) {
            channel.write(message);
        }

        /** Flushes what {@link #write} queued. */
        public void flush() {
            channel.flush();
        }

        /** @return whether the connection is open */
        public boolean isOpen() {
            return channel.isActive();
        }

        /**
         * @return the next message from the switch
         * @throws AssertionError when none arrives within five seconds
         */
        public OFMessage receive() throws InterruptedException {
            OFMessage m = received.poll(5, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("no message from the switch within 5 s");
            }
            return m;
        }

        /** @return the next message that is not an echo reply, asserting its type */
        @SuppressWarnings("unchecked")
        public <T extends OFMessage> T receive(OFType type) throws InterruptedException {
            OFMessage m = receive();
            while (m.getType() == OFType.ECHO_REPLY && type != OFType.ECHO_REPLY) {
                m = receive();
            }
            if (m.getType() != type) {
                throw new AssertionError("expected " + type + " but the switch sent " + m);
            }
            return (T) m;
        }

        /** @return whether the switch closed the connection within five seconds */
        public boolean awaitClosed() throws InterruptedException {
            return channel.closeFuture().await(5, TimeUnit.SECONDS);
        }
    }

    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
    private final Channel server;

    /** @param behaviour answers the switches; {@code null} to answer nothing (the test drives) */
    public FakeController(Behaviour behaviour) throws InterruptedException {
        FakeController self = this;
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Connection c = new Connection(ch);
                        connections.add(c);
                        accepted.add(c);
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(0xffff, 2, 2, -4, 0));
                        ch.pipeline().addLast(new MessageToByteEncoder<OFMessage>() {
                            @Override
                            protected void encode(ChannelHandlerContext ctx, OFMessage m, ByteBuf out) {
                                m.writeTo(out);
                            }
                        });
                        ch.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) throws Exception {
                                OFMessage m = READER.readFrom(frame);
                                c.received.add(m);
                                if (behaviour != null) {
                                    behaviour.onMessage(self, c, m);
                                }
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close();
                            }
                        });
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    /** @return where the controller listens */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** @return the next switch that connects (waits up to five seconds) */
    public Connection accept() throws InterruptedException {
        Connection c = accepted.poll(5, TimeUnit.SECONDS);
        if (c == null) {
            throw new AssertionError("no switch connected within 5 s");
        }
        return c;
    }

    /** @return every connection so far */
    public List<Connection> connections() {
        return List.copyOf(connections);
    }

    /** @return the connection of the switch with this datapath id, or {@code null} */
    public Connection connection(long dpid) {
        for (Connection c : connections) {
            if (c.dpid() == dpid) {
                return c;
            }
        }
        return null;
    }

    /** Runs a task on the controller's event loop and waits for it. */
    public void onLoop(Runnable task, Duration timeout) throws Exception {
        group.next().submit(task).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        for (Connection c : connections) {
            c.channel.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
