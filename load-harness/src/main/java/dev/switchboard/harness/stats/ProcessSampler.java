package dev.switchboard.harness.stats;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the controller process's CPU time and resident set size from /proc on its own thread (never the
 * event loop: these are file reads), so that CPU use and memory can be reported for the measurement window.
 */
public final class ProcessSampler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProcessSampler.class);
    private static final long DEFAULT_CLOCK_TICKS = 100;

    /** One reading. */
    record Sample(long nanos, long cpuTicks, long rssBytes) {
    }

    private final long pid;
    private final Path stat;
    private final Path status;
    private final long ticksPerSecond;
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService executor;
    private volatile String failure;

    /**
     * Starts sampling.
     *
     * @param pid the controller's process id
     * @param intervalMillis time between samples
     * @throws IllegalArgumentException when /proc has no such process
     */
    public ProcessSampler(long pid, long intervalMillis) {
        this.pid = pid;
        this.stat = Path.of("/proc", Long.toString(pid), "stat");
        this.status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.isReadable(stat)) {
            throw new IllegalArgumentException("--controller-pid " + pid + ": no readable " + stat
                    + " (is the controller running on this machine?)");
        }
        this.ticksPerSecond = clockTicks();
        sample();
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "harness-proc-sampler");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleAtFixedRate(this::sample, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        try {
            long nanos = System.nanoTime();
            Sample s = new Sample(nanos, ProcStat.cpuTicks(Files.readString(stat)),
                    ProcStat.rssBytes(Files.readString(status)));
            synchronized (samples) {
                samples.add(s);
            }
        } catch (IOException | IllegalArgumentException e) {
            if (failure == null) {
                failure = e.toString();
                log.warn("controller process {}: sampling failed: {}", pid, e.toString());
            }
        }
    }

    /**
     * Summarises the samples taken in {@code [fromNanos, toNanos]} (the measurement window) after one last
     * sample.
     *
     * @param fromNanos window start, {@link System#nanoTime()}
     * @param toNanos window end
     * @param heapUsedBytes used heap at the end of the run (-1 when unknown)
     * @return CPU use and RSS of the controller over the window
     */
    public ProcessUsage usage(long fromNanos, long toNanos, long heapUsedBytes) {
        sample();
        List<Sample> inWindow = new ArrayList<>();
        List<Sample> all;
        synchronized (samples) {
            all = List.copyOf(samples);
        }
        for (Sample s : all) {
            if (s.nanos() >= fromNanos && s.nanos() <= toNanos) {
                inWindow.add(s);
            }
        }
        List<Sample> span = inWindow.size() >= 2 ? inWindow : all;
        Sample first = span.get(0);
        Sample last = span.get(span.size() - 1);
        double seconds = (last.nanos() - first.nanos()) / 1e9;
        double cpuPercent = seconds <= 0 ? 0
                : 100.0 * (last.cpuTicks() - first.cpuTicks()) / ticksPerSecond / seconds;
        long rssMax = 0;
        for (Sample s : span) {
            rssMax = Math.max(rssMax, s.rssBytes());
        }
        return new ProcessUsage(pid, cpuPercent, rssMax, all.get(all.size() - 1).rssBytes(), heapUsedBytes,
                span.size(), failure);
    }

    /** @return the controller's process id */
    public long pid() {
        return pid;
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            }
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            // Linux has used 100 on every mainstream architecture for decades.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return DEFAULT_CLOCK_TICKS;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
