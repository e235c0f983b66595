package dev.switchboard.harness;

import dev.switchboard.harness.config.ConfigReader;
import dev.switchboard.harness.config.HarnessConfig;
import dev.switchboard.harness.load.LoadPlan;
import dev.switchboard.harness.load.LoadRun;
import dev.switchboard.harness.load.RunOptions;
import dev.switchboard.harness.report.ResultFiles;
import dev.switchboard.harness.report.RunResult;
import dev.switchboard.harness.report.SummaryText;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code run}: one measurement against a running controller. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Connect emulated switches (router, k dispatchers, SAN) to the controller, send connection "
                + "requests as packet-ins and measure session set-up.",
            "A session is set up when its ingress dispatcher got the PACKET_OUT and all k dispatchers got its "
                + "session rule (FLOW_MOD ADD matching the client's ipv4_src and tcp_src)."})
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, description = "the controller's configuration file")
    private Path config;

    @Option(names = "--controller", description = "controller HOST:PORT (default: openflow.listen:port of the config)")
    private String controller;

    @Option(names = {"--dispatchers", "-k"}, description = "emulate the first k dispatchers (default: all)")
    private Integer dispatchers;

    @Option(names = "--service", description = "service to load (default: the first tcp service)")
    private String service;

    @Option(names = "--rate", description = "open loop: connection requests per second")
    private double rate;

    @Option(names = "--outstanding", description = "closed loop: sessions kept in flight")
    private int outstanding;

    @Option(names = "--duration", description = "measured seconds after the warm-up")
    private Double durationSeconds;

    @Option(names = "--warmup", defaultValue = "0", description = "seconds of load excluded from the results "
            + "(default 0)")
    private double warmupSeconds;

    @Option(names = "--ramp-warmup", description = "open loop: raise the rate linearly from 0 to --rate over the "
            + "warm-up, so a cold controller is not measured draining its start-up backlog")
    private boolean rampWarmup;

    @Option(names = "--sessions", description = "stop after this many sessions (warm-up included)")
    private Long sessions;

    @Option(names = "--session-timeout", defaultValue = "5000",
            description = "ms after which a session never completes; also the drain time (default 5000)")
    private long sessionTimeoutMillis;

    @Option(names = "--batch-interval", defaultValue = "1000",
            description = "open loop: microseconds between batches (default 1000)")
    private long batchMicros;

    @Option(names = "--first-client", defaultValue = "0",
            description = "index of the first client (use fresh clients against a controller that kept the "
                    + "sessions of an earlier run; default 0)")
    private long firstClient;

    @Option(names = "--settle", defaultValue = "500",
            description = "ms the controller must be quiet after the handshakes before the load starts (default 500)")
    private long settleMillis;

    @Option(names = "--settle-limit", defaultValue = "30", description = "start anyway after this many seconds")
    private long settleLimitSeconds;

    @Option(names = "--connect-timeout", defaultValue = "10",
            description = "seconds to connect and complete every handshake (default 10)")
    private long connectTimeoutSeconds;

    @Option(names = "--router", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "emulate the router switch (default; --no-router to leave it out)")
    private boolean router;

    @Option(names = "--san", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "emulate the SAN switch (default; --no-san to leave it out)")
    private boolean san;

    @Option(names = "--packet-in-reason", defaultValue = "no-match",
            description = "reason of the packet-ins: no-match (table miss) or action (default no-match)")
    private String reason;

    @Option(names = "--controller-pid", description = "controller process to sample for CPU, RSS and heap")
    private Long controllerPid;

    @Option(names = "--heap-histogram", description = "measure the controller's live heap per session: a class "
            + "histogram (jcmd GC.class_histogram, a full GC) before the switches connect and another after the run "
            + "while they are still connected; needs --controller-pid")
    private boolean heapHistogram;

    @Option(names = "--json", description = "write the result to this file")
    private Path json;

    @Option(names = "--label", description = "name of the run in plots (default: k=K rate=R)")
    private String label;

    @Override
    public Integer call() throws Exception {
        if (heapHistogram && controllerPid == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--heap-histogram needs --controller-pid (the controller's process id)");
        }
        HarnessConfig cfg = ConfigReader.read(config);
        InetSocketAddress address = controller == null
                ? new InetSocketAddress(cfg.controllerHost(), cfg.controllerPort())
                : parseAddress(controller);
        int k = dispatchers == null ? cfg.dispatchers().size() : dispatchers;
        LoadPlan plan;
        try {
            plan = new LoadPlan(rate, outstanding, Duration.ofMillis(Math.round(warmupSeconds * 1000)),
                    durationSeconds == null ? null : Duration.ofMillis(Math.round(durationSeconds * 1000)),
                    sessions == null ? Long.MAX_VALUE : sessions, Duration.ofMillis(sessionTimeoutMillis),
                    Duration.ofNanos(batchMicros * 1000), rampWarmup);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        RunOptions options = new RunOptions(address, k, service, plan, firstClient,
                Duration.ofSeconds(connectTimeoutSeconds), Duration.ofMillis(settleMillis),
                Duration.ofSeconds(settleLimitSeconds), router, san, reason(), controllerPid, heapHistogram, label,
                "switchboard-harness run " + String.join(" ", spec.commandLine().getParseResult().originalArgs()),
                config.toString());
        RunResult result = LoadRun.run(cfg, options);
        System.out.print(SummaryText.of(result));
        if (json != null) {
            ResultFiles.write(result, json);
            System.out.println("result written to " + json);
        }
        return 0;
    }

    private OFPacketInReason reason() {
        return switch (reason) {
            case "no-match" -> OFPacketInReason.NO_MATCH;
            case "action" -> OFPacketInReason.ACTION;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--packet-in-reason: '" + reason + "' is not one of no-match, action");
        };
    }

    private InetSocketAddress parseAddress(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--controller: '" + text + "' is not HOST:PORT");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 0xffff) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--controller: port of '" + text + "' is not in 1..65535");
        }
        return new InetSocketAddress(host, port);
    }
}
