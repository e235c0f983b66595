package dev.switchboard.harness.openflow;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The emulated switches of one run, each on its own TCP connection to the controller and all on one event loop
 * (the harness must leave the cores to the controller it measures).
 */
public final class SwitchFleet implements AutoCloseable {
    /** Socket buffers large enough for a batch of packet-ins and a burst of flow-mods. */
    private static final int SOCKET_BUFFER = 1 << 20;
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(4 << 20, 8 << 20);
    /** Pause between attempts while the controller refuses connections (it may still be starting). */
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final EventLoop loop;
    private final List<EmulatedSwitch> switches = new ArrayList<>();
    private final List<EmulatedSwitch> dispatchers = new ArrayList<>();

    private SwitchFleet(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * Connects every switch (retrying while the controller refuses connections) and waits for every handshake.
     *
     * @param loop the event loop that runs every switch
     * @param controller where the controller listens
     * @param specs the switches; dispatchers must carry indices 0..k-1 in order
     * @param events receives the dispatchers' packet-outs and session rules
     * @param timeout for connecting and for the handshakes
     * @return the connected fleet
     * @throws HandshakeException when a switch cannot connect or the controller does not complete a handshake
     */
    public static SwitchFleet connect(EventLoop loop, InetSocketAddress controller, List<SwitchSpec> specs,
                                      DispatcherEvents events, Duration timeout) throws InterruptedException {
        SwitchFleet fleet = new SwitchFleet(loop);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (SwitchSpec spec : specs) {
                if (spec.role() == SwitchRole.DISPATCHER && spec.index() != fleet.dispatchers.size()) {
                    throw new IllegalArgumentException("dispatcher " + spec + " out of order: expected index "
                            + fleet.dispatchers.size());
                }
                EmulatedSwitch sw = connectOne(loop, controller, spec,
                        spec.role() == SwitchRole.DISPATCHER ? events : null, deadline, timeout);
                fleet.switches.add(sw);
                if (spec.role() == SwitchRole.DISPATCHER) {
                    fleet.dispatchers.add(sw);
                }
            }
            for (EmulatedSwitch sw : fleet.switches) {
                try {
                    sw.handshake().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    throw new HandshakeException(sw.spec() + ": the controller did not complete the handshake "
                            + "(FEATURES_REQUEST and PORT_DESC request) within " + timeout.toMillis() + " ms", e);
                } catch (ExecutionException e) {
                    throw new HandshakeException(e.getCause().getMessage(), e.getCause());
                }
            }
        } catch (RuntimeException | InterruptedException e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    /**
     * Connects one switch, retrying a refused connection until the deadline: scripts may start the controller
     * and the harness together.
     */
    private static EmulatedSwitch connectOne(EventLoop loop, InetSocketAddress controller, SwitchSpec spec,
                                             DispatcherEvents events, long deadline, Duration timeout)
            throws InterruptedException {
        while (true) {
            // A fresh handler per attempt: a decoder cannot join a second pipeline.
            EmulatedSwitch sw = new EmulatedSwitch(spec, events);
            ChannelFuture f = new Bootstrap()
                    .group(loop)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                    .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                            remainingMillis(deadline)))
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast("encoder", new OFMessageEncoder());
                            ch.pipeline().addLast("switch", sw);
                        }
                    })
                    .connect(controller);
            if (!f.await(remainingMillis(deadline), TimeUnit.MILLISECONDS)) {
                f.cancel(false);
                throw new HandshakeException(spec + ": cannot connect to the controller at " + controller + " within "
                        + timeout.toMillis() + " ms", null);
            }
            if (f.isSuccess()) {
                return sw;
            }
            if (!(f.cause() instanceof ConnectException) || System.nanoTime() + RETRY_NANOS >= deadline) {
                throw new HandshakeException(spec + ": cannot connect to the controller at " + controller + ": "
                        + f.cause().getMessage(), f.cause());
            }
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(RETRY_NANOS));
        }
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    /** @return the event loop of every switch */
    public EventLoop loop() {
        return loop;
    }

    /** @return every switch, in the order given */
    public List<EmulatedSwitch> switches() {
        return List.copyOf(switches);
    }

    /** @return the dispatcher switches by index */
    public List<EmulatedSwitch> dispatchers() {
        return List.copyOf(dispatchers);
    }

    /**
     * @return the latest {@link EmulatedSwitch#lastControllerRequestNanos()} of all switches (event loop only)
     */
    public long lastControllerRequestNanos() {
        long last = Long.MIN_VALUE;
        for (EmulatedSwitch sw : switches) {
            last = Math.max(last, sw.lastControllerRequestNanos());
        }
        return last;
    }

    /** @return the counters of every switch (event loop only) */
    public List<SwitchCounters.Snapshot> counters() {
        List<SwitchCounters.Snapshot> list = new ArrayList<>();
        for (EmulatedSwitch sw : switches) {
            list.add(sw.counters().snapshot(sw.spec().toString()));
        }
        return list;
    }

    /** @return whether any connection closed */
    public boolean anyClosed() {
        for (EmulatedSwitch sw : switches) {
            Channel ch = sw.channel();
            if (ch == null || !ch.isActive()) {
                return true;
            }
        }
        return false;
    }

    /** Closes every connection and waits briefly for the closes. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> closes = new ArrayList<>();
        for (EmulatedSwitch sw : switches) {
            Channel ch = sw.channel();
            if (ch != null) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                ch.close().addListener(f -> done.complete(null));
                closes.add(done);
            }
        }
        try {
            CompletableFuture.allOf(closes.toArray(new CompletableFuture<?>[0])).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Closing is best effort; the event loop group shuts down next anyway.
        }
    }
}
