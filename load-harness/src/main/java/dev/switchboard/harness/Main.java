package dev.switchboard.harness;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code switchboard-harness}: emulated OpenFlow switches that load a Switchboard controller with connection
 * requests and measure it ({@code run}), the plots of the results ({@code plot}), and controller configurations
 * for k dispatchers ({@code generate-config}).
 */
@Command(name = "switchboard-harness", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Load harness for the Switchboard controller (cbench-like, over real TCP).",
        subcommands = {RunCommand.class, PlotCommand.class, GenerateConfigCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * @param args command line
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** @return the exit code of the command line (0 success, 1 failure, 2 usage error) */
    static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            return 1;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a command: run, plot or generate-config");
    }

    /** The JAR's implementation version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"switchboard-harness " + (v == null ? "dev" : v)};
        }
    }
}
