package dev.switchboard.controller.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code switchboard}: the operator's command line over the REST API of a standalone controller. Tables
 * for people by default, the API's JSON with {@code --json}; on any failure one line on stderr and a
 * non-zero exit code.
 */
@Command(name = "switchboard", mixinStandardHelpOptions = true, versionProvider = SwitchboardCli.Version.class,
        description = "Operate a Switchboard L4 load balancer through its REST API.",
        subcommands = {SessionsCommand.class, ServersCommand.class, ServicesCommand.class, GroupsCommand.class,
            DispatchersCommand.class, LocksCommand.class, StatsCommand.class, ConfigCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the controller refused the request (the message says why)",
            "2:bad command line", "3:the controller cannot be reached"})
public final class SwitchboardCli implements Callable<Integer> {
    /** The controller refused the request. */
    static final int EXIT_REFUSED = 1;
    /** Bad command line. */
    static final int EXIT_USAGE = 2;
    /** The controller cannot be reached. */
    static final int EXIT_UNREACHABLE = 3;
    /** Where the controller listens unless told otherwise (rest.listen:rest.port defaults). */
    static final String DEFAULT_URL = "http://127.0.0.1:8181";

    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
            .create();

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "controller REST API (default: $SWITCHBOARD_URL or " + DEFAULT_URL + ")")
    private String url;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "bearer token for changes (default: $SWITCHBOARD_TOKEN)")
    private String token;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print the API's JSON instead of tables")
    private boolean json;

    private final Map<String, String> env;
    private final PrintWriter out;
    private final PrintWriter err;
    private CliClient client;

    SwitchboardCli(Map<String, String> env, PrintWriter out, PrintWriter err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs one command line.
     *
     * @param env where SWITCHBOARD_URL and SWITCHBOARD_TOKEN are looked up
     * @return the exit code
     */
    public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        SwitchboardCli cli = new SwitchboardCli(env, out, err);
        CommandLine commandLine = new CommandLine(cli);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((e, a) -> {
            String help = e.getCommandLine().getCommandSpec().qualifiedName();
            err.println("error: " + e.getMessage() + " (see '" + help + " --help')");
            err.flush();
            return EXIT_USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof CliFailure failure) {
                err.println("error: " + failure.getMessage());
                err.flush();
                return failure.exitCode();
            }
            throw e;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Without a command: say what the commands are. */
    @Override
    public Integer call() {
        err.println("error: name a command (see 'switchboard --help'): sessions, servers, services, groups, "
                + "dispatchers, locks, stats, config");
        return EXIT_USAGE;
    }

    /** @return the client for the URL and token of the command line (or the environment) */
    CliClient client() {
        if (client == null) {
            String u = url != null ? url : env.getOrDefault("SWITCHBOARD_URL", DEFAULT_URL);
            client = new CliClient(u, token != null ? token : env.get("SWITCHBOARD_TOKEN"));
        }
        return client;
    }

    boolean json() {
        return json;
    }

    PrintWriter out() {
        return out;
    }

    /** Prints an API answer as JSON (for --json). */
    void printJson(JsonElement element) {
        if (element != null) {
            out.println(PRETTY.toJson(element));
        }
    }

    /** Reads the version from the jar manifest; "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SwitchboardCli.class.getPackage().getImplementationVersion();
            return new String[] {"switchboard " + (version == null ? "development" : version)};
        }
    }
}
