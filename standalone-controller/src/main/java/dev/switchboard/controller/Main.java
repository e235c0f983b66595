package dev.switchboard.controller;

import dev.switchboard.controller.dispatch.CatalogHolder;
import dev.switchboard.controller.dispatch.Switchboard;
import dev.switchboard.controller.dispatch.SwitchboardService;
import dev.switchboard.controller.rest.RestServer;

import dev.switchboard.controller.config.ConfigException;
import dev.switchboard.controller.config.ConfigLoader;
import dev.switchboard.controller.config.SwitchboardConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code java -jar switchboard-controller.jar --config FILE [--check]}. The configuration is validated
 * completely before anything starts; a bad file ends the process with exit code 1 and one line naming
 * the field.
 */
@Command(name = "switchboard-controller", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Switchboard standalone controller: a distributed, stateful L4 load balancer over OpenFlow.")
public final class Main implements Callable<Integer> {
    /** Exit code for a configuration that cannot be used or a controller that cannot start. */
    public static final int EXIT_INVALID = 1;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "JSON configuration file")
    private Path config;

    @Option(names = "--check", description = "validate the configuration, report, and exit (0 valid, 1 invalid)")
    private boolean check;

    private final PrintWriter out;
    private final PrintWriter err;

    Main(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line; returns when the controller stops (or at once for {@code --check} and errors). */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main(out, err));
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        SwitchboardConfig loaded;
        try {
            loaded = ConfigLoader.load(config);
        } catch (ConfigException e) {
            err.println("invalid configuration " + config + ": " + e.getMessage());
            err.flush();
            return EXIT_INVALID;
        }
        if (check) {
            out.println("configuration " + config + " is valid: " + summary(loaded));
            out.flush();
            return 0;
        }
        ControllerRuntime runtime = new ControllerRuntime(loaded);
        Switchboard switchboard = dispatchListener(runtime);
        SwitchboardService service = new SwitchboardService(switchboard);
        RestServer rest;
        try {
            runtime.start(switchboard);
            rest = RestServer.start(loaded.rest(), service);
        } catch (IllegalStateException | UncheckedIOException e) {
            err.println("cannot start: " + e.getMessage());
            err.flush();
            service.close();
            runtime.close();
            return EXIT_INVALID;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            rest.close();
            service.close();
            runtime.close();
        }, "switchboard-shutdown"));
        runtime.awaitStop();
        return 0;
    }

    /** The dispatch application: dispatchers, router and SAN switch agents over the runtime's switches. */
    static Switchboard dispatchListener(ControllerRuntime runtime) {
        return new Switchboard(runtime.config(), new CatalogHolder(runtime.catalog()));
    }

    /** Reads the version from the jar manifest; "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"switchboard-controller " + (version == null ? "development" : version)};
        }
    }

    static String summary(SwitchboardConfig c) {
        return c.dispatchers().size() + " dispatchers, " + c.servers().size() + " servers, " + c.groups().size()
                + " groups, " + c.services().size() + " services; OpenFlow on " + c.openflow().listen() + ":"
                + c.openflow().port() + ", REST API on " + c.rest().listen() + ":" + c.rest().port();
    }
}
