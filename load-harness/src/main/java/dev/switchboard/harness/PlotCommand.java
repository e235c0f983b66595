package dev.switchboard.harness;

import dev.switchboard.harness.plot.Plots;
import dev.switchboard.harness.plot.Png;
import dev.switchboard.harness.report.ResultFiles;
import dev.switchboard.harness.report.RunResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code plot}: PNG charts from result files. */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw PNG charts from result JSON files (files or directories of *.json):",
            "  setup-rate-vs-k.png      set-up rate per k (bar: median of the runs of that k)",
            "  latency-cdf.png          packet-in -> packet-out latency CDF, one curve per run label",
            "  replication-lag-cdf.png  first -> last dispatcher holding the session rule, CDF"})
final class PlotCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RESULT", description = "result files or directories")
    private List<Path> inputs;

    @Option(names = "--out-dir", defaultValue = ".", description = "where the PNGs go (default: .)")
    private Path outDir;

    @Option(names = "--kind", defaultValue = "all", description = "all, rate, latency or lag (default all)")
    private String kind;

    @Option(names = "--width", defaultValue = "1200", description = "image width (default 1200)")
    private int width;

    @Option(names = "--height", defaultValue = "700", description = "image height (default 700)")
    private int height;

    @Option(names = "--rate-target", defaultValue = "100000", description = "target line, sessions/s (0: none)")
    private double rateTarget;

    @Option(names = "--latency-target-ms", defaultValue = "2", description = "target line, ms (0: none)")
    private double latencyTargetMillis;

    @Option(names = "--lag-target-ms", defaultValue = "5", description = "target line, ms (0: none)")
    private double lagTargetMillis;

    @Option(names = "--linear-cdf", description = "linear 0..100%% CDF axis instead of the tail-stretched one")
    private boolean linear;

    @Override
    public Integer call() throws IOException {
        if (!List.of("all", "rate", "latency", "lag").contains(kind)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--kind: '" + kind + "' is not one of all, rate, latency, lag");
        }
        List<RunResult> results = new ArrayList<>();
        for (Path file : files()) {
            results.add(ResultFiles.read(file));
        }
        boolean all = kind.equals("all");
        if (all || kind.equals("rate")) {
            write(Plots.setupRateVsK(results, rateTarget, width, height), "setup-rate-vs-k.png");
        }
        if (all || kind.equals("latency")) {
            write(Plots.latencyCdf(results, latencyTargetMillis * 1000, !linear, width, height), "latency-cdf.png");
        }
        if (all || kind.equals("lag")) {
            write(Plots.replicationLagCdf(results, lagTargetMillis * 1000, !linear, width, height),
                    "replication-lag-cdf.png");
        }
        return 0;
    }

    private List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> listing = Files.list(input)) {
                    listing.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                throw new CommandLine.ParameterException(spec.commandLine(), input + ": no such file or directory");
            }
        }
        if (files.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no *.json result files in " + inputs);
        }
        return files;
    }

    private void write(java.awt.image.BufferedImage image, String name) throws IOException {
        Path file = outDir.resolve(name);
        Png.write(image, file);
        System.out.println("wrote " + file);
    }
}
