package dev.switchboard.controller.openflow;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Accepts switch connections. One acceptor thread hands each connection to one of
 * {@link OpenFlowSettings#workerThreads()} NIO event loops, which serves it for its whole life, so a
 * switch's messages, its listener callbacks and its writes never cross threads.
 */
public final class OpenFlowServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OpenFlowServer.class);

    private final OpenFlowSettings settings;
    private final SwitchListener listener;
    private final SwitchRegistry registry;

    private EventLoopGroup acceptor;
    private EventLoopGroup workers;
    private ChannelGroup channels;
    private Channel serverChannel;

    /**
     * @param settings where to listen and how to talk to switches
     * @param listener receives the events of READY switches
     * @param registry where READY switches are registered
     */
    public OpenFlowServer(OpenFlowSettings settings, SwitchListener listener, SwitchRegistry registry) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    private static EventLoopGroup loops(boolean epoll, int threads, String name) {
        DefaultThreadFactory factory = new DefaultThreadFactory(name);
        return epoll ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    /**
     * Binds the listening socket.
     *
     * @return the bound address (with the real port when the settings ask for port 0)
     * @throws IllegalStateException when already started or when the address cannot be bound
     */
    public synchronized InetSocketAddress start() {
        if (serverChannel != null) {
            throw new IllegalStateException("OpenFlow server already started");
        }
        // Netty's native epoll transport where it loads (Linux x86-64): fewer system calls and less garbage per
        // read than the JDK selector, and a lower latency tail in the load harness; NIO everywhere else.
        boolean epoll = Epoll.isAvailable();
        acceptor = loops(epoll, 1, "switchboard-of-accept");
        workers = loops(epoll, settings.workerThreads(), "switchboard-of-io");
        channels = new DefaultChannelGroup("switches", GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new OpenFlowChannelInitializer(settings, listener, registry, channels));
        ChannelFuture bound = bootstrap.bind(settings.listenAddress(), settings.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            shutdownGroups();
            throw new IllegalStateException("cannot listen for switches on " + settings.listenAddress() + ":"
                    + settings.port() + ": " + bound.cause().getMessage(), bound.cause());
        }
        serverChannel = bound.channel();
        log.info("listening for OpenFlow switches on {} ({} I/O threads, {} transport, preferring {})",
                serverChannel.localAddress(), settings.workerThreads(), epoll ? "epoll" : "NIO",
                settings.preferredVersion());
        return localAddress();
    }

    /** @return the bound address, or {@code null} before {@link #start()} */
    public synchronized InetSocketAddress localAddress() {
        return serverChannel == null ? null : (InetSocketAddress) serverChannel.localAddress();
    }

    /** Stops accepting, closes every switch connection and stops the event loops. Idempotent. */
    @Override
    public synchronized void close() {
        if (serverChannel == null) {
            return;
        }
        serverChannel.close().awaitUninterruptibly();
        channels.close().awaitUninterruptibly();
        shutdownGroups();
        serverChannel = null;
        log.info("OpenFlow server stopped");
    }

    private void shutdownGroups() {
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
