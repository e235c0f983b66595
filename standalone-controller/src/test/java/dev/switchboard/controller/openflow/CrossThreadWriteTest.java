package dev.switchboard.controller.openflow;

import dev.switchboard.dispatch.model.Protocol;
import dev.switchboard.dispatch.model.SessionKey;
import dev.switchboard.rules.DispatcherTopology;
import dev.switchboard.rules.openflow.SessionFlowMods;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBarrierReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes from a thread other than the switch's event loop, on a real NIO loop: they hop onto the loop
 * in order and a burst leaves with one flush.
 */
class CrossThreadWriteTest {
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final RecordingListener listener = new RecordingListener();
    private final FlushCounter counter = new FlushCounter();
    private Channel server;

    @AfterEach
    void stop() {
        server.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    @Test
    void aBurstFromAnotherThreadKeepsItsOrderAndLeavesWithOneFlush() throws Exception {
        startServer();
        try (FakeSwitch sw = new FakeSwitch((InetSocketAddress) server.localAddress(), OFVersion.OF_13)) {
            sw.handshake(0x201, 1);
            SwitchConnection connection = listener.next("ready").connection();
            assertThat(connection.eventLoop().inEventLoop()).isFalse();

            CountDownLatch release = holdLoop(connection);
            counter.reset();
            for (int i = 0; i < 200; i++) {
                connection.write(connection.factory().buildFlowDelete().setXid(10_000 + i).build());
            }
            CompletableFuture<OFBarrierReply> barrier = connection.barrier();
            release.countDown();

            for (int i = 0; i < 200; i++) {
                assertThat(sw.receive(OFType.FLOW_MOD).getXid()).isEqualTo(10_000 + i);
            }
            OFMessage barrierRequest = sw.receive(OFType.BARRIER_REQUEST);
            assertThat(counter.writes.get()).isEqualTo(201);
            assertThat(counter.flushes.get()).isEqualTo(1);

            sw.send(sw.factory().buildBarrierReply().setXid(barrierRequest.getXid()).build());
            assertThat(barrier.get(5, TimeUnit.SECONDS).getXid()).isEqualTo(barrierRequest.getXid());
        }
    }

    @Test
    void encodedBuffersFromAnotherThreadKeepTheirPlaceAmongMessagesAndShareTheFlush() throws Exception {
        startServer();
        SessionFlowMods mods = new SessionFlowMods(OFVersion.OF_13, DispatcherTopology.of(1, 0x201, 1, 2), 60);
        long low = SessionKey.packLow(0xc633_640a, Protocol.TCP.ipNumber());
        try (FakeSwitch sw = new FakeSwitch((InetSocketAddress) server.localAddress(), OFVersion.OF_13)) {
            sw.handshake(0x201, 1);
            SwitchConnection connection = listener.next("ready").connection();

            CountDownLatch release = holdLoop(connection);
            counter.reset();
            List<ByteBuf> buffers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                long high = SessionKey.packHigh(0x0a00_0000 + i, 40_000, 80);
                if (i % 2 == 0) {
                    ByteBuf add = connection.alloc().ioBuffer(SessionFlowMods.ADD_LENGTH);
                    mods.writeAdd(add, 20_000 + i, high, low, 0x0200_0000_0b01L, 0xcb00_710b);
                    buffers.add(add);
                    connection.write(add);
                } else {
                    connection.write(connection.factory().buildEchoRequest().setXid(20_000 + i).build());
                }
            }
            release.countDown();

            for (int i = 0; i < 100; i++) {
                OFMessage received = sw.receive(i % 2 == 0 ? OFType.FLOW_MOD : OFType.ECHO_REQUEST);
                assertThat(received.getXid()).isEqualTo(20_000 + i);
            }
            assertThat(counter.writes.get()).isEqualTo(100);
            assertThat(counter.flushes.get()).isEqualTo(1);
            // Asked on the loop: the write that sent the last bytes (and freed the buffers) has finished there.
            long stillHeld = connection.eventLoop().submit(() -> buffers.stream().filter(b -> b.refCnt() > 0).count())
                    .get(5, TimeUnit.SECONDS);
            assertThat(stillHeld).as("buffers not freed after being written").isZero();
        }
    }

    private void startServer() throws InterruptedException {
        OpenFlowSettings settings = OpenFlowSettings.of("127.0.0.1", 0).withWorkerThreads(1);
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(counter,
                                new OpenFlowChannelInitializer(settings, listener, new SwitchRegistry(), null));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    /**
     * Holds the connection's loop so that a whole burst is queued before it runs; the counter then sees the
     * flushes of exactly that burst.
     *
     * @return count it down to let the loop go
     */
    private static CountDownLatch holdLoop(SwitchConnection connection) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        connection.eventLoop().execute(() -> {
            held.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
        return release;
    }
}
