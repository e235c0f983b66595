package dev.switchboard.harness;

import dev.switchboard.harness.config.ConfigGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code generate-config}: a controller configuration for k dispatchers. */
@Command(name = "generate-config", mixinStandardHelpOptions = true,
        description = "Write a controller configuration for k dispatchers (topology of docs/topology.md).")
final class GenerateConfigCommand implements Callable<Integer> {
    @Option(names = {"--dispatchers", "-k"}, required = true, description = "k, 1.." + ConfigGenerator.MAX_DISPATCHERS)
    private int dispatchers;

    @Option(names = "--openflow-port", defaultValue = "6653", description = "controller's OpenFlow port (default 6653)")
    private int openflowPort;

    @Option(names = "--expected-sessions", defaultValue = "" + ConfigGenerator.DEFAULT_EXPECTED_SESSIONS,
            description = "live sessions each dispatch table is sized for up front (default ${DEFAULT-VALUE}); "
                    + "size it for the whole run, or the run measures table growth")
    private int expectedSessions;

    @Option(names = {"--out", "-o"}, description = "file to write (default: standard output)")
    private Path out;

    @Override
    public Integer call() throws Exception {
        String text = ConfigGenerator.generate(dispatchers, openflowPort, expectedSessions);
        if (out == null) {
            System.out.print(text);
        } else {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, text, StandardCharsets.UTF_8);
        }
        return 0;
    }
}
