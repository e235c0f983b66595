package dev.switchboard.controller.openflow;

import io.netty.bootstrap.ServerBootstrap;
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

        try (FakeSwitch sw = new FakeSwitch((InetSocketAddress) server.localAddress(), OFVersion.OF_13)) {
            sw.handshake(0x201, 1);
            SwitchConnection connection = listener.next("ready").connection();
            assertThat(connection.eventLoop().inEventLoop()).isFalse();

            // Hold the loop so that the whole burst is queued before it runs; the counter then sees the
            // flushes of exactly that burst.
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
}
