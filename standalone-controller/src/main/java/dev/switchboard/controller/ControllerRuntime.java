package dev.switchboard.controller;

import dev.switchboard.controller.config.SwitchboardConfig;
import dev.switchboard.controller.openflow.OpenFlowServer;
import dev.switchboard.controller.openflow.OpenFlowSettings;
import dev.switchboard.controller.openflow.SwitchListener;
import dev.switchboard.controller.openflow.SwitchRegistry;
import dev.switchboard.dispatch.model.ServiceCatalog;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * Owns what a running controller consists of: the validated configuration, the service catalog built
 * from it, the registry of READY switches and the OpenFlow server.
 *
 * <p>This is the seam for the dispatch logic: build the runtime, construct the dispatch wiring from
 * {@link #config()}, {@link #catalog()} and {@link #registry()} (it needs the registry to program
 * switches other than the one an event came from), then {@link #start(SwitchListener)} with it.
 */
public final class ControllerRuntime implements AutoCloseable {
    private final SwitchboardConfig config;
    private final ServiceCatalog catalog;
    private final SwitchRegistry registry = new SwitchRegistry();
    private final OpenFlowSettings openFlowSettings;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private OpenFlowServer server;

    /**
     * Prepares a runtime; nothing listens until {@link #start}. Each switch gets an event loop of its
     * own (at least one per core): Netty pins a channel to the loop it was accepted on, in accept order,
     * so with one loop per core two dispatchers and the router could share a loop while another idles,
     * and under an open-loop load that loop's backlog grows without bound. Separate loops let the OS
     * spread the work over the cores.
     */
    public ControllerRuntime(SwitchboardConfig config) {
        this(config, OpenFlowSettings.of(config.openflow().listen(), config.openflow().port())
                .withWorkerThreads(Math.max(Runtime.getRuntime().availableProcessors(),
                        config.dispatchers().size() + 2)));
    }

    /**
     * @param openFlowSettings settings beyond what the file configures (timeouts, versions, threads)
     */
    public ControllerRuntime(SwitchboardConfig config, OpenFlowSettings openFlowSettings) {
        this.config = Objects.requireNonNull(config, "config");
        this.catalog = config.serviceCatalog();
        this.openFlowSettings = Objects.requireNonNull(openFlowSettings, "openFlowSettings");
    }

    public SwitchboardConfig config() {
        return config;
    }

    /** @return the catalog the configuration describes, as of start */
    public ServiceCatalog catalog() {
        return catalog;
    }

    /** @return the READY switches */
    public SwitchRegistry registry() {
        return registry;
    }

    /**
     * Starts accepting switches.
     *
     * @param listener receives every READY switch's events
     * @return the address switches connect to
     * @throws IllegalStateException when already started or the address cannot be bound
     */
    public synchronized InetSocketAddress start(SwitchListener listener) {
        if (server != null) {
            throw new IllegalStateException("controller already started");
        }
        OpenFlowServer starting = new OpenFlowServer(openFlowSettings, listener, registry);
        InetSocketAddress address = starting.start();
        server = starting;
        return address;
    }

    /** @return where switches connect, or {@code null} before start */
    public synchronized InetSocketAddress openFlowAddress() {
        return server == null ? null : server.localAddress();
    }

    /** Blocks until {@link #close()} has run (from a shutdown hook, for example). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Disconnects every switch and stops listening. Idempotent. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
        stopped.countDown();
    }
}
