package dev.switchboard.harness.load;

import dev.switchboard.harness.config.DispatcherSpec;
import dev.switchboard.harness.config.HarnessConfig;
import dev.switchboard.harness.config.ServiceSpec;
import dev.switchboard.harness.openflow.EmulatedSwitch;
import dev.switchboard.harness.openflow.PacketInTemplate;
import dev.switchboard.harness.openflow.SwitchFleet;
import dev.switchboard.harness.openflow.SwitchRole;
import dev.switchboard.harness.openflow.SwitchSpec;
import dev.switchboard.harness.report.RunResult;
import dev.switchboard.harness.stats.ClassHistogram;
import dev.switchboard.harness.stats.HeapInfo;
import dev.switchboard.harness.stats.HeapPerSession;
import dev.switchboard.harness.stats.LatencySummary;
import dev.switchboard.harness.stats.ProcessSampler;
import dev.switchboard.harness.stats.ProcessUsage;
import dev.switchboard.rules.Cookies;
import dev.switchboard.rules.RuleKind;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One measurement: connect the emulated switches, wait until the controller has programmed them, load it, wait
 * for the sessions in flight, and collect the figures.
 */
public final class LoadRun {
    private static final Logger log = LoggerFactory.getLogger(LoadRun.class);
    private static final long SAMPLE_INTERVAL_MILLIS = 250;
    private static final long SETTLE_POLL_MILLIS = 50;
    /** The JAR's version, or "dev" when run from classes. */
    private static final String VERSION = LoadRun.class.getPackage().getImplementationVersion() != null
            ? LoadRun.class.getPackage().getImplementationVersion() : "dev";

    private LoadRun() {
    }

    /**
     * Runs the load and returns its figures.
     *
     * @param config the controller's configuration
     * @param options the run's options
     * @return what was measured
     * @throws dev.switchboard.harness.openflow.HandshakeException when switches cannot connect or shake hands
     * @throws RunFailedException when a connection closes during the load
     */
    public static RunResult run(HarnessConfig config, RunOptions options) throws InterruptedException {
        List<DispatcherSpec> dispatchers = config.firstDispatchers(options.dispatchers());
        ServiceSpec service = config.service(options.service());
        LoadPlan plan = options.plan();
        String startedAt = Instant.now().toString();
        List<SwitchSpec> specs = specs(config, dispatchers, options);

        SessionTracker tracker = new SessionTracker(dispatchers.size(), options.firstClient(),
                plan.trackerCapacity(), plan.sessionTimeout().toNanos());
        long vipMissCookie = Cookies.of(RuleKind.VIP_MISS, service.vip());
        List<PacketInTemplate> templates = new ArrayList<>();
        for (DispatcherSpec d : dispatchers) {
            templates.add(new PacketInTemplate(d.trunkPort(), options.reason(), vipMissCookie,
                    config.routerGatewayMac(), service.vip(), service.port()));
        }

        // Before anything connects: the idle controller, the baseline the sessions' heap is measured against.
        ClassHistogram idle = options.heapHistogram() ? histogram(options.controllerPid(), "before the run") : null;

        NioEventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("harness-loop", true));
        ProcessSampler sampler = null;
        try {
            EventLoop loop = group.next();
            try (SwitchFleet fleet = SwitchFleet.connect(loop, options.controller(), specs, tracker,
                    options.connectTimeout())) {
                log.info("{} switches connected to {}; waiting until the controller has programmed them",
                        specs.size(), options.controller());
                settle(fleet, options);
                if (options.controllerPid() != null) {
                    sampler = new ProcessSampler(options.controllerPid(), SAMPLE_INTERVAL_MILLIS);
                }
                List<Channel> channels = new ArrayList<>();
                for (EmulatedSwitch sw : fleet.dispatchers()) {
                    channels.add(sw.channel());
                }
                LoadGenerator generator = new LoadGenerator(loop, channels, templates, tracker, plan);
                log.info("loading {} {}:{} {} over {} dispatcher(s)", service.name(), ipv4(service.vip()),
                        service.port(), plan.describe(), dispatchers.size());
                CompletableFuture<Long> done = generator.start();
                long stopNanos = await(done, plan);
                Collected c = onLoop(loop, () -> collect(tracker, generator, fleet, stopNanos, plan));
                ProcessUsage usage = null;
                if (sampler != null) {
                    long heap = HeapInfo.read(sampler.pid());
                    usage = sampler.usage(c.measureStart, c.measureEnd, heap);
                }
                HeapPerSession heapPerSession = null;
                if (idle != null) {
                    // Still inside the fleet's scope: the switches are connected, so the controller holds the
                    // sessions and no disconnect has let it drop a dispatcher's state.
                    ClassHistogram loaded = histogram(options.controllerPid(), "after the run");
                    if (loaded != null) {
                        heapPerSession = HeapPerSession.of(idle, loaded, c.counts.setUp, c.sentInRun);
                    }
                }
                return result(startedAt, config, options, service, c, usage, heapPerSession);
            }
        } finally {
            if (sampler != null) {
                sampler.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    /** @return the controller's class histogram, or {@code null} (with a warning) when it cannot be taken */
    private static ClassHistogram histogram(long pid, String when) throws InterruptedException {
        log.info("class histogram of the controller (pid {}) {}: a full GC in the controller", pid, when);
        try {
            return ClassHistogram.take(pid);
        } catch (IOException e) {
            log.warn("no heap per session: the class histogram {} failed: {}", when, e.getMessage());
            return null;
        }
    }

    private static List<SwitchSpec> specs(HarnessConfig config, List<DispatcherSpec> dispatchers,
                                          RunOptions options) {
        List<SwitchSpec> specs = new ArrayList<>();
        if (options.emulateRouter()) {
            specs.add(new SwitchSpec(SwitchRole.ROUTER, -1, config.routerDpid(), config.routerPorts()));
        }
        for (int i = 0; i < dispatchers.size(); i++) {
            DispatcherSpec d = dispatchers.get(i);
            specs.add(new SwitchSpec(SwitchRole.DISPATCHER, i, d.dpid(), List.of(d.trunkPort(), d.sanPort())));
        }
        if (options.emulateSan() && config.sanDpid().isPresent()) {
            specs.add(new SwitchSpec(SwitchRole.SAN, -1, config.sanDpid().get(), config.sanPorts()));
        }
        return specs;
    }

    /** Waits until the controller stopped programming the switches (its base rules are in place). */
    private static void settle(SwitchFleet fleet, RunOptions options) throws InterruptedException {
        long settleNanos = options.settle().toNanos();
        long limit = System.nanoTime() + options.settleLimit().toNanos();
        while (true) {
            long last = onLoop(fleet.loop(), fleet::lastControllerRequestNanos);
            long now = System.nanoTime();
            if (now - last >= settleNanos) {
                return;
            }
            if (now >= limit) {
                log.warn("the controller was still programming the switches after {} ms; starting anyway",
                        options.settleLimit().toMillis());
                return;
            }
            // Polling a quiet period: there is no event for "the controller has nothing more to say".
            Thread.sleep(SETTLE_POLL_MILLIS);
        }
    }

    private static long await(CompletableFuture<Long> done, LoadPlan plan) throws InterruptedException {
        long limitNanos = plan.warmupNanos() + (plan.duration() == null ? 0 : plan.durationNanos())
                + plan.drainNanos();
        long waitMillis = plan.duration() == null ? Long.MAX_VALUE
                : TimeUnit.NANOSECONDS.toMillis(limitNanos) + TimeUnit.SECONDS.toMillis(30);
        try {
            return done.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new RunFailedException("the run failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new RunFailedException("the run did not end " + waitMillis + " ms after it started", e);
        }
    }

    private static <T> T onLoop(EventLoop loop, java.util.concurrent.Callable<T> task) throws InterruptedException {
        try {
            return loop.submit(task).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new RunFailedException("collecting on the event loop failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new RunFailedException("the event loop did not answer within 30 s", e);
        }
    }

    /** What the event loop hands back at the end: copies, so the main thread reads nothing the loop writes. */
    private record Collected(long measureStart, long measureEnd, double measuredSeconds, long offered, long skipped,
                             long sentInRun, SessionCounts counts, LatencySummary packetOut, LatencySummary setup,
                             LatencySummary lag, List<dev.switchboard.harness.openflow.SwitchCounters.Snapshot>
                                     switches) {
    }

    private static Collected collect(SessionTracker tracker, LoadGenerator generator, SwitchFleet fleet,
                                     long stopNanos, LoadPlan plan) {
        long measureStart = generator.startNanos() + plan.warmupNanos();
        SessionCounts live = tracker.counts();
        SessionCounts counts = new SessionCounts();
        counts.sent = live.sent;
        counts.completed = live.completed;
        counts.setUp = live.setUp;
        counts.completedInWindow = live.completedInWindow;
        counts.incompleteWithoutPacketOut = live.incompleteWithoutPacketOut;
        counts.incompleteWithoutAllRules = live.incompleteWithoutAllRules;
        counts.incompleteWithSomeRules = live.incompleteWithSomeRules;
        counts.unmatchedPacketOuts = live.unmatchedPacketOuts;
        counts.misdirectedPacketOuts = live.misdirectedPacketOuts;
        counts.duplicatePacketOuts = live.duplicatePacketOuts;
        counts.unmatchedSessionRules = live.unmatchedSessionRules;
        counts.duplicateSessionRules = live.duplicateSessionRules;
        counts.lastCompletionNanos = live.lastCompletionNanos;
        // A duration ends the window when sending stops; a session count ends it at the last completion.
        long measureEnd = plan.duration() != null ? stopNanos
                : Math.max(stopNanos, live.lastCompletionNanos);
        double seconds = Math.max(0, measureEnd - measureStart) / 1e9;
        return new Collected(measureStart, measureEnd, seconds, generator.offered(), generator.skipped(),
                tracker.started(), counts,
                LatencySummary.of(tracker.packetOutLatency()), LatencySummary.of(tracker.setupLatency()),
                LatencySummary.of(tracker.replicationLag()), fleet.counters());
    }

    private static RunResult result(String startedAt, HarnessConfig config, RunOptions o, ServiceSpec service,
                                    Collected c, ProcessUsage usage, HeapPerSession heap) {
        LoadPlan plan = o.plan();
        SessionCounts n = c.counts;
        double rate = c.measuredSeconds > 0 ? n.completedInWindow / c.measuredSeconds : 0;
        double sentRate = c.measuredSeconds > 0 ? n.sent / c.measuredSeconds : 0;
        String label = o.label() != null ? o.label()
                : plan.isClosedLoop() ? "k=" + o.dispatchers() + " outstanding=" + plan.outstanding()
                : String.format(Locale.ROOT, "k=%d rate=%.0f", o.dispatchers(), plan.rate());
        RunResult.Setup setup = new RunResult.Setup(plan.isClosedLoop() ? "closed-loop" : "open-loop", plan.rate(),
                plan.outstanding(), o.dispatchers(), service.name(), ipv4(service.vip()), service.port(),
                plan.warmup().toMillis() / 1000.0, plan.duration() == null ? 0 : plan.duration().toMillis() / 1000.0,
                plan.sessionLimit() == Long.MAX_VALUE ? 0 : plan.sessionLimit(), plan.sessionTimeout().toMillis(),
                o.controller().getHostString() + ":" + o.controller().getPort(), o.configFile(), o.firstClient());
        RunResult.Sessions sessions = new RunResult.Sessions(c.offered, c.skipped, n.sent, n.completed,
                n.completedInWindow, n.incomplete(), n.incompleteWithoutPacketOut, n.incompleteWithoutAllRules,
                n.incompleteWithSomeRules, c.measuredSeconds, rate, sentRate);
        RunResult.Stray stray = new RunResult.Stray(n.unmatchedPacketOuts, n.misdirectedPacketOuts,
                n.duplicatePacketOuts, n.unmatchedSessionRules, n.duplicateSessionRules);
        return new RunResult("switchboard-harness", VERSION, startedAt, label, o.command(), machine(), setup,
                sessions, c.packetOut, c.setup, c.lag, stray, c.switches, usage, heap);
    }

    private static RunResult.Machine machine() {
        String cpu = "unknown";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc unreadable: the model is a nicety.
        }
        return new RunResult.Machine(Runtime.getRuntime().availableProcessors(), cpu,
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    static String ipv4(int a) {
        return (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }
}
